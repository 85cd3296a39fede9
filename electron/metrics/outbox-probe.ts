// The outbox as the metrics see it: read from the database file, read-only, at each scrape.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';

export function outboxProbe(dbPath: string, clock: Clock): () => { depth: number; oldestAgeMs: number } {
  return () => {
    if (!existsSync(dbPath)) return { depth: 0, oldestAgeMs: 0 };
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare('SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox WHERE delivered_at IS NULL')
        .get() as { depth: number; oldest: number | null };
      return {
        depth: row.depth,
        oldestAgeMs: row.oldest === null ? 0 : Math.max(0, clock.now() - row.oldest),
      };
    } finally {
      db.close();
    }
  };
}
