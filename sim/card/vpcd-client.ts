// Puts a virtual card into the real pcscd through vsmartcard's vpcd driver: the card connects to
// vpcd's TCP port (connecting = inserting, closing = pulling the card). vpcd frames every message
// with a 2-byte big-endian length; a 1-byte message is a control code (00 power off, 01 power on,
// 02 reset, 04 ATR request), anything longer is a command APDU.
import net from 'node:net';
import type { VirtualCard } from './virtual-card';

export const VPCD_PORT = 35963;

export interface VpcdOptions {
  readonly host?: string;
  readonly port?: number;
  /** Called with each command APDU the card answered (and its status word). */
  readonly onApdu?: (command: Uint8Array, sw: number) => void;
}

export interface VpcdInsertion {
  /** Pulls the card: closes the connection to vpcd. */
  remove(): void;
  /** The card leaves when the `count`-th further APDU arrives (that one is not answered). */
  removeAfterApdus(count: number): void;
  readonly closed: Promise<void>;
}

export function insertIntoVpcd(card: VirtualCard, options: VpcdOptions = {}): Promise<VpcdInsertion> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: options.host ?? '127.0.0.1', port: options.port ?? VPCD_PORT });
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    let removeAfter: number | null = null;
    let queue = Promise.resolve();
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    const send = (payload: Uint8Array): void => {
      const header = Buffer.alloc(2);
      header.writeUInt16BE(payload.length);
      socket.write(Buffer.concat([header, payload]));
    };
    const handle = async (message: Buffer): Promise<void> => {
      if (message.length === 1) {
        if (message[0] === 0x04) send(card.atr);
        else card.reset(); // power on, power off and reset all start the card afresh
        return;
      }
      if (removeAfter !== null) {
        removeAfter -= 1;
        if (removeAfter <= 0) {
          socket.destroy();
          return;
        }
      }
      const response = await card.transmit(new Uint8Array(message));
      options.onApdu?.(
        new Uint8Array(message),
        (response[response.length - 2]! << 8) | response[response.length - 1]!,
      );
      if (!socket.destroyed) send(response);
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        queue = queue.then(() => handle(message));
      }
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => socket.destroy());
      resolve({
        remove: () => socket.destroy(),
        removeAfterApdus: (count) => {
          removeAfter = count;
        },
        closed,
      });
    });
  });
}
