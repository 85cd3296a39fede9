// The simulated world's card in the real pcscd (through vsmartcard vpcd):
//   npm run sim:card -- --person sim/fixtures/persons/yamada-taro.json
// Options: --port 35963 (vpcd slot), --fault tampered-record|cloned-record, --not-my-number-card,
// --removed (start with the card off the reader), --log-apdus (APDU headers on stdout; VERIFY
// data is never printed).
// Commands on stdin, one per line: insert | remove | remove-after <n> | toggle (or an empty line) | quit
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { buildForeignCardImage, defaultSimWorldPaths } from '../sim/card/card-image';
import { loadPerson } from '../sim/card/person';
import { VirtualMyNumberCard } from '../sim/card/virtual-card';
import { insertIntoVpcd, VPCD_PORT, type VpcdInsertion } from '../sim/card/vpcd-client';

const { values } = parseArgs({
  options: {
    person: { type: 'string' },
    port: { type: 'string', default: String(VPCD_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    fault: { type: 'string', multiple: true, default: [] },
    'not-my-number-card': { type: 'boolean', default: false },
    removed: { type: 'boolean', default: false },
    'log-apdus': { type: 'boolean', default: false },
  },
});

const paths = defaultSimWorldPaths();
let card: VirtualMyNumberCard;
if (values['not-my-number-card']) {
  card = new VirtualMyNumberCard(buildForeignCardImage());
} else {
  if (!values.person) {
    console.error('usage: npm run sim:card -- --person sim/fixtures/persons/<id>.json');
    process.exit(2);
  }
  const person = loadPerson(path.resolve(values.person));
  card = VirtualMyNumberCard.fromPerson(person, paths, {
    tamperCardFace: values.fault.includes('tampered-record'),
    clonedRecord: values.fault.includes('cloned-record'),
  });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

let insertion: VpcdInsertion | null = null;
let pendingRemoveAfter: number | null = null;

/** vpcd starts listening a moment after pcscd creates its socket: retry a refused connection briefly. */
async function connectWithRetry(options: Parameters<typeof insertIntoVpcd>[1]): Promise<VpcdInsertion> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await insertIntoVpcd(card, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || attempt >= 100) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function insert(): Promise<void> {
  if (insertion) return;
  const current = await connectWithRetry({
    host: values.host,
    port: Number(values.port),
    onApdu: values['log-apdus']
      ? (command, sw) => {
          // Header and length only for VERIFY: a secret never reaches stdout.
          const shown =
            command[1] === 0x20 ? `${hex(command.subarray(0, 4))} +${command.length - 4}` : hex(command);
          say(`apdu ${shown} ${sw.toString(16).toUpperCase().padStart(4, '0')}`);
        }
      : undefined,
  });
  insertion = current;
  if (pendingRemoveAfter !== null) current.removeAfterApdus(pendingRemoveAfter);
  pendingRemoveAfter = null;
  void current.closed.then(() => {
    if (insertion === current) {
      insertion = null;
      say('removed');
    }
  });
  say('inserted');
}

function remove(): void {
  insertion?.remove();
}

const commands = readline.createInterface({ input: process.stdin });
commands.on('line', (line) => {
  const [command, argument] = line.trim().split(/\s+/);
  if (command === 'insert') void insert().catch((e: Error) => say(`error ${e.message}`));
  else if (command === 'remove') remove();
  else if (command === 'remove-after') {
    const count = Number(argument);
    if (insertion) insertion.removeAfterApdus(count);
    else pendingRemoveAfter = count;
    say(`armed ${count}`);
  } else if (command === 'toggle' || command === '') {
    if (insertion) remove();
    else void insert().catch((e: Error) => say(`error ${e.message}`));
  } else if (command === 'quit') {
    remove();
    process.exit(0);
  } else say(`unknown ${command}`);
});
commands.on('close', () => {
  remove();
  process.exit(0);
});
process.on('SIGTERM', () => {
  remove();
  process.exit(0);
});

say('ready');
if (!values.removed) await insert().catch((e: Error) => say(`error ${e.message}`));
