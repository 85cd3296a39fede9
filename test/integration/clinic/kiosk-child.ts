// A kiosk process serving the clinic folder until it is killed: the crash and two-kiosk tests run
// it as a real child process. Arguments: <simulator url> <data folder> <clinic folder> <terminal id>.
import { testConfig, openService } from '../eligibility/harness';
import { startWatcher } from './folder-harness';

const [url, dataDir, folder, terminalId] = process.argv.slice(2);
if (!url || !dataDir || !folder || !terminalId)
  throw new Error('usage: kiosk-child <url> <data> <folder> <id>');
const eligibility = testConfig(url, dataDir);
const kiosk = openService(eligibility);
startWatcher({ folder, service: kiosk.service, eligibility, terminalId, config: { scanIntervalMs: 50 } });
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
