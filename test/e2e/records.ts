// What a visit left behind, read where it lives: the eligibility outbox in the kiosk's real SQLite
// file, the clinic's face/ folder, and the virtual card's APDU log.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import type { VirtualMyNumberCard } from '../../sim/card/virtual-card';
import type { TestKiosk } from './harness';

export const IDLE = 'マイナンバーカードをカードリーダーに置いてください';
export const CHOOSE_METHOD = '本人確認の方法を選んでください';

export interface OutboxRecord {
  id: string;
  delivered: boolean;
  attempts: number;
  method: string | null;
  outcome: string | null;
}

/** The outbox rows in the eligibility database file, oldest first (opened read-only beside the kiosk). */
export function outboxRows(kiosk: TestKiosk): OutboxRecord[] {
  const file = join(kiosk.dataDir, 'eligibility', 'eligibility.db');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT id, delivered_at, attempts, method, outcome FROM outbox ORDER BY created_at, rowid')
      .all() as Array<{
      id: string;
      delivered_at: number | null;
      attempts: number;
      method: string | null;
      outcome: string | null;
    }>;
    return rows.map((row) => ({
      id: row.id,
      delivered: row.delivered_at !== null,
      attempts: row.attempts,
      method: row.method,
      outcome: row.outcome,
    }));
  } finally {
    db.close();
  }
}

/** The result files in the clinic's face/ folder, decoded from Shift_JIS, by name. */
export function faceFiles(kiosk: TestKiosk): string[] {
  const folder = join(kiosk.dataDir, 'clinic', 'face');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => iconv.decode(readFileSync(join(folder, name)), 'Shift_JIS'));
}

/** VERIFY (INS 20) commands that carried data; an empty VERIFY only reads the retry counter. */
export const verifies = (card: VirtualMyNumberCard) =>
  card.apduLog.filter((entry) => entry.command[1] === 0x20 && entry.command.length > 5);

/** The ASCII data of a VERIFY (a JPKI PIN is sent as its digits). */
export const verifyData = (entry: { command: Uint8Array | number[] }): string =>
  Buffer.from(Array.from(entry.command).slice(5, 5 + (entry.command[4] ?? 0))).toString('latin1');
