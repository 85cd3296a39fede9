// `npm run sim:eligibility -- [--port 8443] [--latency ms] [--fault kind[:times[:value]]]… [--disaster]`
// Starts the eligibility service simulator on loopback until Ctrl-C. It uses TEST keys only, so
// it refuses any address other than loopback.
import { parseArgs } from 'node:util';
import { SIMULATED_WORLD_START, simulatedClock } from '../../electron/clock';
import { parseFault } from './faults';
import { startEligibilitySimulator } from './server';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8443' },
    latency: { type: 'string', default: '0' },
    fault: { type: 'string', multiple: true, default: [] },
    disaster: { type: 'boolean', default: false },
  },
});

if (!['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
  console.error(
    `refusing to listen on ${values.host}: the simulator uses TEST keys and serves loopback only`,
  );
  process.exit(2);
}
const sim = await startEligibilitySimulator({
  host: values.host,
  port: Number(values.port),
  faults: { latencyMs: Number(values.latency), faults: values.fault.map(parseFault) },
  disaster: values.disaster,
  // The simulated world's day: the fixture certificates and records are made for it.
  clock: simulatedClock(SIMULATED_WORLD_START),
});
console.log(`eligibility simulator listening on ${sim.url}`);
console.log('  server CA:       sim/fixtures/eligibility/tls/test-ca.pem');
console.log('  terminal cert:   sim/fixtures/eligibility/tls/test-terminal.pem (+ .key.pem)');
console.log(
  `  disaster mode:   ${values.disaster ? 'on' : 'off'}; latency ${values.latency} ms; faults ${values.fault.join(', ') || 'none'}`,
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
