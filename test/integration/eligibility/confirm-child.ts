// A kiosk process that confirms one card and exits; the crash test kills it with SIGKILL while
// its request is in flight. Arguments: <simulator url> <data folder> <person id>.
import { faceIdentity, openService, testConfig } from './harness';

const [url, dataDir, personId] = process.argv.slice(2);
if (!url || !dataDir || !personId) throw new Error('usage: confirm-child <url> <dataDir> <personId>');
const kiosk = openService(testConfig(url, dataDir, { timeouts: { connectMs: 2_000, requestMs: 60_000 } }));
const outcome = await kiosk.service.confirm(faceIdentity(personId));
process.stdout.write(`${JSON.stringify({ status: outcome.status })}\n`);
kiosk.close();
