// A card that lies: it wraps an honest virtual card and rewrites its answers (lengths past the
// file, truncated answers, endless 61xx, wrong-Le loops, silence). Used by the driver's tests to
// prove every lie ends in a clear, typed error and never a hang or a huge allocation.
import type { VirtualCard } from './virtual-card';

export type Lie = (command: Uint8Array, honest: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export class LyingCard implements VirtualCard {
  readonly commands: Uint8Array[] = [];

  constructor(
    private readonly honest: VirtualCard,
    private readonly lie: Lie,
  ) {}

  get atr(): Uint8Array {
    return this.honest.atr;
  }

  reset(): void {
    this.honest.reset();
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.commands.push(command.slice());
    return this.lie(command, await this.honest.transmit(command));
  }
}

export const isReadBinary = (command: Uint8Array): boolean => command[1] === 0xb0;

/** `data ‖ SW` */
export function withSw(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}
