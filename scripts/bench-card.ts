// Benchmark of the two card reads a reception needs, through the real pcscd + vpcd (started here
// like the integration tests do: pcscd in a private network namespace with quick-ack routes).
//   npm run bench:card [-- --runs 20 --person yamada-taro]
// Prints APDUs sent and bytes moved per read, the minimum APDU count the files' sizes require,
// the time per read (median of the runs), and the time from a card pull to the typed error.
// The last line is one JSON object.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CardReaderService } from '../electron/card/card-reader-service';
import { parseTlvHeader } from '../electron/card/tlv';
import { createLogger, memorySink } from '../electron/log/logger';
import { PcscliteReaders } from '../electron/card/pcsclite-readers';
import {
  AID,
  buildCardImage,
  collationBOf,
  defaultSimWorldPaths,
  type DataFile,
} from '../sim/card/card-image';
import { loadSimPerson, loadSimSurfaceCaKeys, simCardConfig } from '../sim/card/sim-world';
import { startPcscd, startSimCard } from '../test/integration/pcscd';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    person: { type: 'string', default: 'yamada-taro' },
  },
});
const runs = Math.max(1, Number(values.runs));
const paths = defaultSimWorldPaths();
const person = loadSimPerson(values.person, paths);
if (person.pin === null) throw new Error('the benchmark person needs a PIN');

/** Size of the BER object at the start of a file: what a reader must transfer. */
function objectSize(aid: string, fid: number): number {
  const file = buildCardImage(person, paths).applications.get(aid)!.files.get(fid) as DataFile;
  const header = parseTlvHeader(file.bytes);
  return header.headerLength + header.valueLength;
}
const chunks = (bytes: number): number => Math.ceil(bytes / 256);
const sizes = {
  authCertificate: objectSize(AID.JPKI, 0x000a),
  cardFace: objectSize(AID.CARD_SURFACE, 0x0002),
  cardSurfaceCvc: objectSize(AID.CARD_SURFACE, 0x0004),
  token: 32,
};
// Commands no reader can skip: one SELECT per application and file, one retry query and one
// VERIFY per secret, one signature; plus READ BINARY in 256-byte chunks for each file's object.
const common = 1 + 1 + chunks(sizes.token) + 1 + chunks(sizes.authCertificate); // JPKI, token, cert
const faceMin =
  common +
  2 /* ISD + GET DATA expiry */ +
  1 +
  1 +
  1 +
  1 /* AP, 0012, query, VERIFY */ +
  1 +
  chunks(sizes.cardFace) +
  1 +
  chunks(sizes.cardSurfaceCvc) +
  1; /* challenge */
const pinMin = common + 1 + 1 + 1 /* 0018, query, VERIFY */ + 1 + 1; /* 0017, sign */

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pcscd = await startPcscd();
const logger = createLogger(memorySink());
const readers = new PcscliteReaders({ logger });
const card = await startSimCard(['--person', path.join(paths.personsDir, `${person.id}.json`)], pcscd.netns);
let exitCode = 0;
try {
  await readers.ready();
  await card.waitFor(/^inserted$/, 5000, 0);
  const service = new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger,
  });
  await service.waitForCard(AbortSignal.timeout(10_000));
  const collationB = collationBOf(person);

  const facePath = async (): Promise<void> => {
    await service.identify();
    await service.readAuthCertificate();
    await service.readCardExpiry();
    await service.cardSurfaceTriesLeft();
    const unlocked = await service.unlockCardSurface(collationB);
    if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.code}`);
    await service.readCardFace();
  };
  const pinPath = async (): Promise<void> => {
    await service.identify();
    await service.readAuthCertificate();
    await service.pinTriesLeft();
    const verified = await service.verifyPin(person.pin!);
    if (!verified.ok) throw new Error(`PIN failed: ${verified.code}`);
    await service.signChallenge(crypto.getRandomValues(new Uint8Array(32)));
  };
  const measure = async (read: () => Promise<void>) => {
    const times: number[] = [];
    let stats = { apdus: 0, bytesSent: 0, bytesReceived: 0 };
    for (let i = 0; i < runs + 1; i += 1) {
      const start = performance.now();
      await read();
      const elapsed = performance.now() - start;
      stats = service.stats()!;
      await service.release();
      if (i > 0) times.push(elapsed); // the first run warms up
    }
    return { ms: median(times), min: Math.min(...times), max: Math.max(...times), ...stats };
  };

  const face = await measure(facePath);
  const pin = await measure(pinPath);
  await service.close();

  // The same face read once the reader passed the extended-length self-test (not the default).
  const extendedService = new CardReaderService({
    readers,
    config: simCardConfig({ extendedLength: 'self-test' }),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger,
  });
  const extendedTimes: number[] = [];
  let extendedApdus = 0;
  for (let i = 0; i < runs + 1; i += 1) {
    const start = performance.now();
    await extendedService.identify();
    await extendedService.readAuthCertificate();
    await extendedService.readCardExpiry();
    await extendedService.cardSurfaceTriesLeft();
    await extendedService.unlockCardSurface(collationB);
    await extendedService.readCardFace();
    if (i > 0) extendedTimes.push(performance.now() - start);
    extendedApdus = extendedService.stats()!.apdus;
    await extendedService.release();
  }
  await extendedService.close();

  // Pull the card during the face-record read and time the typed error.
  const pullService = new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger,
  });
  await pullService.unlockCardSurface(collationB);
  card.command('remove-after 6');
  await card.waitFor(/^armed 6$/);
  const pullStart = performance.now();
  let pullCode = 'none';
  try {
    await pullService.readCardFace();
  } catch (error) {
    pullCode = (error as { code?: string }).code ?? 'untyped';
  }
  const pullMs = performance.now() - pullStart;

  console.log(`file sizes (bytes): ${JSON.stringify(sizes)}`);
  console.log(
    `face path: ${face.apdus} APDUs (minimum ${faceMin}), ${face.bytesSent} B sent, ${face.bytesReceived} B received, ` +
      `median ${face.ms.toFixed(1)} ms (min ${face.min.toFixed(1)}, max ${face.max.toFixed(1)}) over ${runs} runs`,
  );
  console.log(
    `PIN path:  ${pin.apdus} APDUs (minimum ${pinMin}), ${pin.bytesSent} B sent, ${pin.bytesReceived} B received, ` +
      `median ${pin.ms.toFixed(1)} ms (min ${pin.min.toFixed(1)}, max ${pin.max.toFixed(1)}) over ${runs} runs`,
  );
  console.log(
    `APDU overhead: face ${(face.apdus / faceMin).toFixed(2)}x, PIN ${(pin.apdus / pinMin).toFixed(2)}x the minimum`,
  );
  console.log(
    `face path with extended-length READ BINARY after the reader's self-test: ${extendedApdus} APDUs, ` +
      `median ${median(extendedTimes).toFixed(1)} ms`,
  );
  console.log(
    `card pulled mid-read: ${pullCode} after ${pullMs.toFixed(0)} ms (includes the APDUs before the pull)`,
  );
  await pullService.close();
  console.log(
    JSON.stringify({
      face_apdus: face.apdus,
      face_min_apdus: faceMin,
      pin_apdus: pin.apdus,
      pin_min_apdus: pinMin,
      face_ms: Number(face.ms.toFixed(1)),
      pin_ms: Number(pin.ms.toFixed(1)),
    }),
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await card.stop();
  await readers.close();
  await pcscd.stop();
}
// pcsclite can keep the event loop alive after close (docs/card.md).
process.exit(exitCode);
