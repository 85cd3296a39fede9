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
  get(name: string, digest: string): JournalEntry | undefined;
  claim(name: string, digest: string, at: number): void;
  advance(name: string, digest: string, state: JournalState, at: number, answerName?: string): void;
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

/** Opens the journal in the eligibility database the service already opened and migrated. */
export function openClinicJournal(databasePath: string): ClinicJournal {
  const db = new Database(databasePath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL survives a killed process, which is what the journal must survive; the answer
  // files themselves are fsynced before they are recorded as ready.
  db.pragma('synchronous = NORMAL');
  const select = db.prepare('SELECT * FROM clinic_requests WHERE name = ? AND digest = ?');
  const insert = db.prepare(
    `INSERT INTO clinic_requests (name, digest, state, claimed_at) VALUES (?, ?, 'claimed', ?)
     ON CONFLICT(name, digest) DO NOTHING`,
  );
  const update = db.prepare(
    `UPDATE clinic_requests SET state = ?, answer_name = coalesce(?, answer_name),
       answered_at = CASE WHEN ? IN ('answered', 'done') THEN coalesce(answered_at, ?) ELSE answered_at END
     WHERE name = ? AND digest = ?`,
  );
  const purge = db.prepare('DELETE FROM clinic_requests WHERE claimed_at < ?');
  return {
    get(name, digest) {
      const row = select.get(name, digest) as Row | undefined;
      return (
        row && {
          name: row.name,
          digest: row.digest,
          state: row.state,
          answerName: row.answer_name,
          claimedAt: row.claimed_at,
        }
      );
    },
    claim(name, digest, at) {
      insert.run(name, digest, at);
    },
    advance(name, digest, state, at, answerName) {
      update.run(state, answerName ?? null, state, at, name, digest);
    },
    purge: (before) => purge.run(before).changes,
    close: () => db.close(),
  };
}
