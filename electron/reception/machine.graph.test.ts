// The statechart's own graph (@xstate/graph) decides what is tested: every state node the machine
// declares must have a way in below, and from every one of them card removal, やめる, 職員を呼ぶ and
// the timeout are tried — with the state's device step still in flight — asserting where the flow
// ends and that no secret reached the card after the interrupt. A new state fails this file until
// it is given a way in; a new transition fails it until it is listed.
import { getStateNodes, toDirectedGraph, type DirectedGraphNode } from '@xstate/graph';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import { scriptedWorld, STAFF_PASSCODE } from '../../test/support/scripted-reception';
import { receptionMachine } from './machine';
import { createReception, type Reception } from './reception';

const TIMEOUT_MS = 60_000;
type World = ReturnType<typeof scriptedWorld>;

let reception: Reception | undefined;
afterEach(() => {
  reception?.dispose();
  reception = undefined;
  vi.useRealTimers();
});

function start(options: Parameters<typeof scriptedWorld>[0] = {}) {
  reception?.dispose();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const w = scriptedWorld(options);
  reception = createReception(
    {
      defaultLanguage: 'ja',
      languages: ['ja', 'en'],
      sessionTimeoutMs: TIMEOUT_MS,
      log: createLogger(memorySink()),
    },
    w.devices,
  );
  return { w, reception };
}

const atCard = async (w: World, r: Reception) => {
  w.insert();
  await r.settled();
};

/** A way into each atomic state; device steps are left in flight (held) where the state has one. */
const REACH: Record<string, (w: World, r: Reception) => Promise<void>> = {
  idle: async () => undefined,
  outOfService: async (_w, r) => r.settled().then(() => new Promise((resolve) => setImmediate(resolve))),
  takeCard: async (w, r) => {
    await atCard(w, r);
    r.cancel();
  },
  'session.notDone': async (w, r) => {
    await REACH['session.consent']!(w, r);
    r.submitConsent({ medication: true, healthCheck: false, treatment: false, surgery: false }, false);
    await r.settled();
  },
  staffCalled: async (_w, r) => void r.callStaff(),
  phoneWait: async (_w, r) => void r.chooseMethod('smartphone'),
  'session.phoneSigning': async (w) => {
    const held = w.hold('sign');
    w.holdPhone();
    await held.reached;
  },
  'session.readingCard': async (w) => {
    const held = w.hold('open');
    w.insert();
    await held.reached;
  },
  'session.cardUnusable': atCard, // with a card that is not a My Number card (see TOKEN)
  'session.chooseMethod': atCard,
  'session.cardFace': async (w, r) => {
    await atCard(w, r);
    const held = w.hold('unlock');
    r.chooseMethod('face');
    await held.reached;
  },
  'session.faceCapture': async (w, r) => {
    await atCard(w, r);
    r.chooseMethod('face');
    await r.settled();
  },
  'session.pinEntry': async (w, r) => {
    await atCard(w, r);
    r.chooseMethod('pin');
    w.type('1', '2');
  },
  'session.pinLastTry': async (w, r) => {
    await atCard(w, r);
    r.chooseMethod('pin');
  },
  'session.verifyingPin': async (w, r) => {
    await atCard(w, r);
    r.chooseMethod('pin');
    const held = w.hold('verify-pin');
    w.type('1', '2', '3', '4', 'enter');
    await held.reached;
  },
  'session.consent': async (w, r) => {
    await atCard(w, r);
    r.chooseMethod('pin');
    w.type('1', '2', '3', '4', 'enter');
    await r.settled();
  },
  'session.confirming': async (w, r) => {
    await REACH['session.consent']!(w, r);
    const held = w.hold('confirm');
    r.submitConsent({ medication: true, healthCheck: false, treatment: false, surgery: false }, false);
    await held.reached;
  },
  'session.done': async (w, r) => {
    await REACH['session.consent']!(w, r);
    r.submitConsent({ medication: true, healthCheck: false, treatment: false, surgery: false }, false);
    await r.settled();
  },
  'session.callStaff': async (w, r) => {
    await atCard(w, r);
    r.chooseMethod('staff');
  },
  'session.visualCheck.staffLogin': async (w, r) => {
    await REACH['session.callStaff']!(w, r);
    r.visualCheck();
  },
  'session.visualCheck.checkingPasscode': async (w, r) => {
    await REACH['session.visualCheck.staffLogin']!(w, r);
    const held = w.hold('authorise');
    r.staffPasscode('hanako', STAFF_PASSCODE);
    await held.reached;
  },
  'session.visualCheck.preparing': async (w, r) => {
    // Through the face path, so the chip photo is there to prepare.
    await REACH['session.faceCapture']!(w, r);
    r.callStaff();
    r.visualCheck();
    const held = w.hold('photo');
    r.staffPasscode('hanako', STAFF_PASSCODE);
    await held.reached;
  },
  // No card-face read in this session (straight to 職員を呼ぶ): staff may type 照合番号B.
  'session.visualCheck.collationEntry': async (w, r) => {
    await REACH['session.visualCheck.staffLogin']!(w, r);
    r.staffPasscode('hanako', STAFF_PASSCODE);
    await r.settled();
  },
  'session.visualCheck.unlockingCardSurface': async (w, r) => {
    await REACH['session.visualCheck.collationEntry']!(w, r);
    const held = w.hold('staff-entry');
    r.staffCollationNumber('59043020344821');
    await held.reached;
  },
  'session.visualCheck.collationRefused': async (w, r) => {
    await REACH['session.visualCheck.collationEntry']!(w, r);
    r.staffCollationNumber('59043020341111'); // the scripted card rejects it
    await r.settled();
  },
  'session.visualCheck.deciding': async (w, r) => {
    await REACH['session.visualCheck.collationEntry']!(w, r);
    r.skipCollationNumber();
    await r.settled();
  },
};

const OPTIONS: Record<string, Parameters<typeof scriptedWorld>[0]> = {
  'session.cardUnusable': { token: 'not-my-number' },
  'session.notDone': { confirmFails: true },
  outOfService: { faults: ['card.reader-not-found'] },
  'session.pinLastTry': { pinTries: 1 },
  phoneWait: { phone: 'iphone' },
  'session.phoneSigning': { phone: 'iphone' },
};

/** Atomic states of the machine, as `reception.state()` names them. */
const atomicStates = getStateNodes(receptionMachine.root)
  .filter((node) => node.type === 'atomic' || node.type === 'final')
  .map((node) => node.id.replace(/^reception\./, ''));

function edges(node: DirectedGraphNode): string[] {
  return [
    ...node.edges.map((e) => `${e.source.id} ${e.label.text} → ${e.target.id}`),
    ...node.children.flatMap(edges),
  ];
}

const INTERRUPTS = {
  // With a phone on the phone reader, the phone is what leaves.
  'card removed': (w: World) => (w.phoneHeld() ? w.takePhoneAway() : w.remove()),
  やめる: (_w: World, r: Reception) => r.cancel(),
  職員を呼ぶ: (_w: World, r: Reception) => r.callStaff(),
  timeout: () => vi.advanceTimersByTime(TIMEOUT_MS),
};

function expectedAfter(state: string, interrupt: keyof typeof INTERRUPTS): string {
  if (state === 'outOfService') return 'outOfService'; // nothing a patient does changes it
  if (state === 'takeCard') {
    return interrupt === 'card removed' ? 'idle' : interrupt === '職員を呼ぶ' ? 'staffCalled' : 'takeCard';
  }
  if (state === 'idle') return interrupt === '職員を呼ぶ' ? 'staffCalled' : 'idle';
  if (state === 'phoneWait') {
    return interrupt === '職員を呼ぶ' ? 'staffCalled' : interrupt === 'card removed' ? 'phoneWait' : 'idle';
  }
  // Nothing is left on the kiosk's reader in a smartphone session.
  if (state === 'session.phoneSigning' && (interrupt === 'やめる' || interrupt === 'timeout')) return 'idle';
  if (state === 'staffCalled')
    return interrupt === 'card removed' || interrupt === '職員を呼ぶ' ? 'staffCalled' : 'idle';
  if (interrupt === '職員を呼ぶ') return 'session.callStaff';
  if (interrupt === 'card removed') return 'idle';
  // やめる and the timeout with the card still on the reader: take the card first.
  return 'takeCard';
}

describe('the statechart, from its own graph', () => {
  it('has a way in below for every state it declares', () => {
    expect(Object.keys(REACH).sort()).toEqual([...atomicStates].sort());
  });

  it('declares exactly the transitions this suite knows about', () => {
    expect(edges(toDirectedGraph(receptionMachine)).sort()).toMatchSnapshot();
  });

  for (const state of atomicStates) {
    for (const [interrupt, act] of Object.entries(INTERRUPTS) as Array<
      [keyof typeof INTERRUPTS, (w: World, r: Reception) => void]
    >) {
      it(`${state}: ${interrupt} ends in ${expectedAfter(state, interrupt)} and sends no secret after it`, async () => {
        const { w, reception: r } = start(OPTIONS[state] ?? {});
        await REACH[state]!(w, r);
        expect(r.state()).toBe(state);
        const secretsBefore = w.secrets.length;
        act(w, r);
        expect(r.state()).toBe(expectedAfter(state, interrupt));
        // Let every held step go: a stopped step must not send what it had not sent.
        w.releaseAll();
        await r.settled();
        expect(w.secrets.slice(secretsBefore)).toEqual([]);
        expect(r.state()).toBe(expectedAfter(state, interrupt));
        if (
          expectedAfter(state, interrupt) === 'idle' &&
          state.startsWith('session.') &&
          interrupt === 'card removed'
        ) {
          // A pulled card (or phone) is told on the idle screen (except after a finished visit).
          const word =
            state === 'session.done' || state === 'session.notDone'
              ? null
              : {
                  code:
                    state === 'session.phoneSigning' ? 'reception.phone-taken-away' : 'reception.card-pulled',
                };
          expect(r.view()).toMatchObject({ screen: 'idle', language: 'ja', notice: word });
        }
      });
    }
  }
});
