// The simulator's real checks on a card's JPKI user-authentication certificate: issued and
// signed by a trusted root, within its validity, not on the root's (signature-checked) CRL; and
// on the PIN path, the card's signature over a challenge the simulator issued, verified with the
// certificate's own key.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHmac, randomBytes, timingSafeEqual, verify, X509Certificate } from 'node:crypto';

x509.cryptoProvider.set(globalThis.crypto);

export type CertificateVerdict =
  | {
      ok: true;
      key: string;
      /** Expired less than 3 months ago: still answered, with a note. */ inGrace: boolean;
    }
  | {
      ok: false;
      code: 'certificate-invalid' | 'certificate-expired' | 'certificate-revoked';
      reason: string;
    };

export interface JpkiVerifier {
  check(pem: string, at: Date): CertificateVerdict;
  /** The identity the records are linked to: issuer and serial number. */
  keyOf(pem: string): string;
}

const serial = (hex: string) => hex.toUpperCase().replace(/^0+(?=.)/, '');
export const certificateKey = (certificate: X509Certificate) =>
  `${certificate.issuer}|${serial(certificate.serialNumber)}`;

/** Builds the verifier; the CRLs are checked against the roots once, here. */
export async function createJpkiVerifier(options: {
  rootCaPems: string[];
  crlPems: string[];
}): Promise<JpkiVerifier> {
  const roots = options.rootCaPems.map((pem) => new X509Certificate(pem));
  const revoked = new Set<string>();
  for (const pem of options.crlPems) {
    const crl = new x509.X509Crl(pem);
    let trusted = false;
    for (const root of roots) {
      if (await crl.verify({ publicKey: new x509.X509Certificate(root.raw) })) {
        trusted = true;
        for (const entry of crl.entries) revoked.add(`${root.subject}|${serial(entry.serialNumber)}`);
      }
    }
    if (!trusted) throw new Error('a CRL is not signed by any trusted JPKI root');
  }

  return {
    keyOf: (pem) => certificateKey(new X509Certificate(pem)),
    check(pem, at) {
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(pem);
      } catch {
        return { ok: false, code: 'certificate-invalid', reason: 'not an X.509 certificate' };
      }
      // Resolve the issuer by signature, not by name: JPKI root generations share one DN (card.md §3).
      const root = roots.find(
        (candidate) => certificate.checkIssued(candidate) && certificate.verify(candidate.publicKey),
      );
      if (!root)
        return { ok: false, code: 'certificate-invalid', reason: 'not issued by a trusted JPKI root' };
      // After expiry a card still gives 資格情報 for 3 months (eligibility.md / card.md §3).
      const validTo = new Date(certificate.validTo);
      const graceEnd = new Date(validTo);
      graceEnd.setUTCMonth(graceEnd.getUTCMonth() + 3);
      const inGrace = at > validTo && at <= graceEnd;
      if (at < new Date(certificate.validFrom) || (at > validTo && !inGrace)) {
        return {
          ok: false,
          code: 'certificate-expired',
          reason: `valid ${certificate.validFrom} – ${certificate.validTo}`,
        };
      }
      const key = certificateKey(certificate);
      if (revoked.has(key)) return { ok: false, code: 'certificate-revoked', reason: 'listed on the CRL' };
      return { ok: true, key, inGrace };
    },
  };
}

/** Stateless challenges: random bytes, an expiry and a MAC only the simulator can make. */
export function createChallengeBook(options: { lifetimeMs: number; secret?: Buffer }) {
  const secret = options.secret ?? randomBytes(32);
  const mac = (body: Buffer) => createHmac('sha256', secret).update(body).digest().subarray(0, 16);
  return {
    issue(at: Date): { challenge: string; expiresAt: string } {
      const expiresAt = at.getTime() + options.lifetimeMs;
      const body = Buffer.alloc(24);
      randomBytes(16).copy(body, 0);
      body.writeBigUInt64BE(BigInt(expiresAt), 16);
      return {
        challenge: Buffer.concat([body, mac(body)]).toString('base64url'),
        expiresAt: new Date(expiresAt).toISOString(),
      };
    },
    isCurrent(challenge: string, at: Date): boolean {
      const bytes = Buffer.from(challenge, 'base64url');
      if (bytes.length !== 40) return false;
      const body = bytes.subarray(0, 24);
      if (!timingSafeEqual(mac(body), bytes.subarray(24))) return false;
      return Number(body.readBigUInt64BE(16)) >= at.getTime();
    },
  };
}

/** The PIN path: RSASSA-PKCS1-v1_5 with SHA-256 over the challenge's UTF-8 bytes — what the card's
 *  80 2A command produces when given the SHA-256 DigestInfo of those bytes (card.md §1.7). */
export function verifyPinSignature(
  certificatePem: string,
  challenge: string,
  signatureBase64: string,
): boolean {
  try {
    const certificate = new X509Certificate(certificatePem);
    return verify(
      'sha256',
      Buffer.from(challenge, 'utf8'),
      certificate.publicKey,
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}
