// The clinic folder's journal, a table in the kiosk's SQLite database (migration in
// eligibility/store.ts): for each request file this terminal claimed — by name and content digest,
// never its contents — how far answering it got. Answering is a small state machine whose commit
// point is the journal, so a restart after a crash anywhere finishes the work without answering
// twice:
//
//   claimed ──answer written to a temporary file and fsynced──▶ ready ──renamed into res/──▶ answered
//   ──request moved to trash/──▶ done
//
// On restart, `ready` means the answer exists either under its temporary name (rename it) or
// already in res/ (the clinic system may even have taken it): either way it is not written again.
//
// Only `ready` has to be on disk before the next step (the rename into res/), so only `ready`
// commits at once. The other steps are written behind, many requests in one transaction: losing
// them in a crash is safe because each is implied by what is on disk. Without `claimed` (and
// without `ready`) nothing was renamed into res/, so answering again is answering once; without
// `answered` or `done`, `ready` with no temporary file already means "renamed, do not write again".
import Database from 'better-sqlite3';

export type JournalState = 'claimed' | 'ready' | 'answered' | 'done';

export interface JournalEntry {
  name: string;
  digest: string;
  state: JournalState;
  answerName: string | null;
  claimedAt: number;
}

export interface ClinicJournal {
  /** The entry as this process knows it, written-behind steps included. */
  get(name: string, digest: string): JournalEntry | undefined;
  /** Written behind (with the next commit). */
  claim(name: string, digest: string, at: number): void;
  /** `ready` is committed before this returns, with everything written behind; the rest is written behind. */
  advance(name: string, digest: string, state: JournalState, at: number, answerName?: string): void;
  /** Commits everything written behind. */
  flush(): void;
  /** Forgets entries older than `before` (the folder's own retention). */
  purge(before: number): number;
  close(): void;
}

interface Row {
  name: string;
  digest: string;
  state: JournalState;
  answer_name: string | null;
  claimed_at: number;
}

interface Pending {
  name: string;
  digest: string;
  state: JournalState;
  answerName: string | null;
  /** When the first step this process knows of happened (the claim, for a new entry). */
  at: number;
  answeredAt: number | null;
}

/** Written-behind steps wait at most this long for a commit to share. */
const WRITE_BEHIND_MS = 100;

/** Opens the journal in the eligibility database the service already opened and migrated. */
export function openClinicJournal(databasePath: string): ClinicJournal {
  const db = new Database(databasePath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL survives a killed process, which is what the journal must survive; the answer
  // files themselves are fsynced before they are recorded as ready.
  db.pragma('synchronous = NORMAL');
  const select = db.prepare('SELECT * FROM clinic_requests WHERE name = ? AND digest = ?');
  const upsert = db.prepare(
    `INSERT INTO clinic_requests (name, digest, state, answer_name, claimed_at, answered_at)
     VALUES (@name, @digest, @state, @answerName, @at, @answeredAt)
     ON CONFLICT(name, digest) DO UPDATE SET
       state = CASE WHEN excluded.state = 'claimed' THEN state ELSE excluded.state END,
       answer_name = coalesce(excluded.answer_name, answer_name),
       answered_at = coalesce(answered_at, excluded.answered_at)`,
  );
  const purge = db.prepare('DELETE FROM clinic_requests WHERE claimed_at < ?');
  const pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;
  const keyOf = (name: string, digest: string) => `${digest}:${name}`;

  const commit = db.transaction(() => {
    for (const step of pending.values()) upsert.run(step);
  });
  function flush() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    commit();
    pending.clear();
  }
  function record(name: string, digest: string, state: JournalState, at: number, answerName?: string) {
    const key = keyOf(name, digest);
    const before = pending.get(key);
    const answered = state === 'answered' || state === 'done';
    pending.set(key, {
      name,
      digest,
      state,
      answerName: answerName ?? before?.answerName ?? null,
      at: before?.at ?? at,
      answeredAt: before?.answeredAt ?? (answered ? at : null),
    });
    if (!timer) {
      timer = setTimeout(flush, WRITE_BEHIND_MS);
      timer.unref();
    }
  }

  return {
    get(name, digest) {
      const row = select.get(name, digest) as Row | undefined;
      const step = pending.get(keyOf(name, digest));
      if (!row && !step) return undefined;
      return {
        name,
        digest,
        state: step?.state ?? row!.state,
        answerName: step?.answerName ?? row?.answer_name ?? null,
        claimedAt: row?.claimed_at ?? step!.at,
      };
    },
    claim(name, digest, at) {
      if (!pending.has(keyOf(name, digest))) record(name, digest, 'claimed', at);
    },
    advance(name, digest, state, at, answerName) {
      record(name, digest, state, at, answerName);
      if (state === 'ready') flush();
    },
    flush,
    purge(before) {
      flush();
      return purge.run(before).changes;
    },
    close() {
      flush();
      db.close();
    },
  };
}
