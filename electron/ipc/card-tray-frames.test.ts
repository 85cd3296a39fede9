import { describe, expect, it } from 'vitest';
import type { Events } from '../contract';
import { createCardTrayBridge } from './card-tray-frames';
import { createEventHub } from './event-hub';

describe('card-tray frames from the renderer', () => {
  it('asks the renderer for frames and resolves with its answer', async () => {
    const events = createEventHub();
    const asked: Array<Events['card-tray:capture']> = [];
    events.subscribe((name, payload) => {
      if (name === 'card-tray:capture') asked.push(payload as Events['card-tray:capture']);
    });
    const bridge = createCardTrayBridge(events);
    const pending = bridge.source({ deviceLabel: 'Tray cam', count: 2 }, new AbortController().signal);
    expect(asked).toEqual([{ requestId: expect.any(String), deviceLabel: 'Tray cam', count: 2 }]);
    expect(bridge.deliver(asked[0]!.requestId, [new Uint8Array([1])])).toBe(true);
    expect(await pending).toEqual([new Uint8Array([1])]);
  });

  it('ignores an answer nobody asked for, and one that comes after the timeout', async () => {
    const events = createEventHub();
    let requestId = '';
    events.subscribe((_name, payload) => (requestId = (payload as { requestId: string }).requestId));
    const bridge = createCardTrayBridge(events);
    expect(bridge.deliver('made-up', [new Uint8Array([1])])).toBe(false);
    const controller = new AbortController();
    const pending = bridge.source({ deviceLabel: '', count: 1 }, controller.signal);
    controller.abort(new Error('timed out'));
    await expect(pending).rejects.toThrow('timed out');
    expect(bridge.deliver(requestId, [new Uint8Array([1])])).toBe(false);
  });
});
