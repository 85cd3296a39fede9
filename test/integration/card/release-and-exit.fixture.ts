// Child process for the "exits cleanly" test: opens PC/SC, reads the card's token, closes, and
// then simply returns — no process.exit. If a handle stayed open, the process would never end.
import { CardReaderService } from '../../../electron/card/card-reader-service';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { PcscliteReaders } from '../../../electron/card/pcsclite-readers';
import { simCardConfig } from '../../../sim/card/sim-world';

const logger = createLogger(memorySink());
const readers = new PcscliteReaders({ logger });
await readers.ready();
const service = new CardReaderService({ readers, config: simCardConfig(), surfaceCaKeys: [], logger });
await service.waitForCard(AbortSignal.timeout(10_000));
console.log(await service.identify());
await service.close();
await readers.close();
console.log('closed');
