// The 照合番号B values a card has rejected, remembered for the clinic day so the kiosk never sends
// the same misread number to the same card again — not in this session, not after the patient
// places the card again. Only a keyed hash (HMAC-SHA-256 with a key of this terminal) of the card's
// certificate and the number together is kept: never the number, never the certificate.
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';

export class RejectedSecrets {
  private day = '';
  private readonly seen = new Set<string>();

  constructor(
    private readonly clock: Clock,
    /** The terminal's key; a fresh random one per process unless the composition root brings one. */
    private readonly key: Uint8Array = randomBytes(32),
  ) {}

  /** True when this card already rejected this number today. */
  has(cardCertificateDer: Uint8Array, secret: Uint8Array): boolean {
    this.rollDay();
    return this.seen.has(this.tag(cardCertificateDer, secret));
  }

  remember(cardCertificateDer: Uint8Array, secret: Uint8Array): void {
    this.rollDay();
    this.seen.add(this.tag(cardCertificateDer, secret));
  }

  /** How many (card, number) pairs are remembered today (tests, metrics). */
  get size(): number {
    this.rollDay();
    return this.seen.size;
  }

  private rollDay(): void {
    const today = this.clock.today();
    if (today === this.day) return;
    this.day = today;
    this.seen.clear();
  }

  private tag(cardCertificateDer: Uint8Array, secret: Uint8Array): string {
    const hmac = createHmac('sha256', this.key);
    // Length-prefixed, so no (certificate, number) pair can collide with another by concatenation.
    const length = Buffer.alloc(4);
    length.writeUInt32BE(cardCertificateDer.length);
    hmac.update(length).update(cardCertificateDer).update(secret);
    return hmac.digest('base64');
  }
}
