// The simulated world's console for QA, on the terminal that ran `npm start`: put a person's card
// on the reader, take it off, hold a smartphone to the phone reader, type on the keypad.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isPinKey } from '../sim/keypad/pin-pad';
import { VARIANT_NAMES, type VariantName } from '../sim/card-face/render';
import type { SimulatedWorldControls } from '../electron/world/simulated-world';

const PERSONS_DIR = join(import.meta.dirname, '../sim/fixtures/persons');

const HELP = `commands:
  persons                      list the simulated persons
  insert <person> [variant]    put the person's card on the reader (variants: ${VARIANT_NAMES.join(', ')})
  remove                       take the card off the reader
  phone <person>               hold the person's smartphone to the phone reader (ito-android, ito-iphone)
  phone-away                   take the smartphone away from the phone reader
  pin <digits>                 type digits on the keypad and press Enter
  key <0-9|clear|enter|cancel> press one keypad key
  quit                         stop the kiosk`;

export function personIds(): string[] {
  return readdirSync(PERSONS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** Runs one console command; returns what to print. */
export function runSimulatorCommand(controls: SimulatedWorldControls, line: string): string {
  const [command = '', ...rest] = line.trim().split(/\s+/);
  switch (command) {
    case '':
      return '';
    case 'help':
      return HELP;
    case 'persons':
      return personIds().join('\n');
    case 'insert': {
      const [person, variant = 'clean'] = rest;
      if (!person || !personIds().includes(person)) return `unknown person; try: persons`;
      if (!(VARIANT_NAMES as readonly string[]).includes(variant)) return `unknown variant ${variant}`;
      controls.insertCard(person, { variant: variant as VariantName });
      return `card of ${person} on the reader (${variant})`;
    }
    case 'remove':
      controls.removeCard();
      return 'card removed';
    case 'phone': {
      const [person] = rest;
      if (!person || !personIds().includes(person)) return `unknown person; try: persons`;
      controls.holdPhone(person);
      return `smartphone of ${person} on the phone reader`;
    }
    case 'phone-away':
      controls.takePhoneAway();
      return 'smartphone taken away';
    case 'pin':
      if (!/^\d{1,8}$/.test(rest[0] ?? '')) return 'pin takes digits';
      controls.pinPad.typePin(rest[0]!);
      return 'typed on the keypad';
    case 'key':
      if (!isPinKey(rest[0] ?? '')) return 'key takes 0-9, clear, enter or cancel';
      controls.pinPad.press(rest[0] as Parameters<typeof controls.pinPad.press>[0]);
      return 'pressed';
    default:
      return `unknown command ${command}; type help`;
  }
}

/** The patient's commands (what the screen shows, taps), run on the page itself. */
export interface PatientConsole {
  help: string;
  run(line: string): Promise<string | null>;
}

export function startSimulatorConsole(
  controls: SimulatedWorldControls,
  quit: () => void,
  patient?: PatientConsole,
): void {
  if (!process.stdin.isTTY && process.env.CI) return;
  console.log('Simulated world console: type `help`.');
  const lines = createInterface({ input: process.stdin });
  // One line at a time, in order: a tap must land before the next command reads the screen.
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue.then(async () => {
      if (line.trim() === 'quit') {
        lines.close();
        quit();
        return;
      }
      const patientOutput = patient ? await patient.run(line).catch((error: Error) => error.message) : null;
      const output =
        patientOutput ??
        runSimulatorCommand(controls, line) + (line.trim() === 'help' && patient ? `\n${patient.help}` : '');
      if (output) console.log(output);
    });
  });
}
