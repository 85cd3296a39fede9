// The vpcd wire protocol against a stand-in vpcd (a loopback TCP server speaking its framing):
// ATR request, power on, APDU exchange, and removal by closing the connection.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createVirtualCard } from './sim-world';
import { insertIntoVpcd } from './vpcd-client';

const frame = (payload: number[]): Buffer =>
  Buffer.from([payload.length >> 8, payload.length & 0xff, ...payload]);

describe('vpcd client', () => {
  it('answers ATR requests and APDUs in vpcd framing, and closing the socket pulls the card', async () => {
    const received: Buffer[] = [];
    let vpcdSide: net.Socket | undefined;
    const server = net.createServer((socket) => {
      vpcdSide = socket;
      socket.on('data', (d) => received.push(d));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const commands: string[] = [];
    const insertion = await insertIntoVpcd(createVirtualCard('yamada-taro'), {
      port,
      onApdu: (c, sw) => commands.push(`${Buffer.from(c).toString('hex')}:${sw.toString(16)}`),
    });
    while (!vpcdSide) await new Promise((r) => setTimeout(r, 5));
    vpcdSide.write(Buffer.concat([frame([0x04]), frame([0x01])]));
    vpcdSide.write(
      frame([0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]),
    );
    const deadline = Date.now() + 2000;
    while (Buffer.concat(received).length < 2 + 9 + 2 + 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    expect(Buffer.concat(received).toString('hex')).toBe('0009' + '3be000ff8131fe4514' + '0002' + '9000');
    expect(commands).toEqual(['00a4040c0ad392f000260100000001:9000']);
    const closed = new Promise((r) => vpcdSide!.once('close', r));
    insertion.remove();
    await closed;
    await insertion.closed;
    server.close();
  });
});
