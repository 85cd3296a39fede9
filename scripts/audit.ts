// The audit log on the command line.
//   npm run audit -- verify [--config FILE] [--data-dir DIR]   exit 0 when the chain holds, 1 naming
//                                                              the first broken row, 2 on a usage error
//   npm run audit -- show [--limit 50] …                       the newest rows (no personal data in them)
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../electron/audit/audit-log';
import { openStaffDatabase, staffDbPath } from '../electron/staff/database';
import { KIOSK_OPTIONS, kioskTarget } from './cli-kiosk';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { ...KIOSK_OPTIONS, limit: { type: 'string' } },
});

function main(): number {
  const [command] = positionals;
  if (command !== 'verify' && command !== 'show') {
    console.error('usage: npm run audit -- verify|show [--config FILE] [--data-dir DIR] [--limit N]');
    return 2;
  }
  const path = staffDbPath(kioskTarget(values).dataDir);
  if (!existsSync(path)) {
    console.error(`no staff database at ${path}`);
    return 2;
  }
  const db = openStaffDatabase(path, { readonly: true });
  try {
    if (command === 'show') {
      const limit = Number(values.limit ?? 50);
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit);
      for (const row of rows) console.log(JSON.stringify(row));
      return 0;
    }
    const verdict = verifyAuditChain(db);
    if (verdict.ok) {
      console.log(
        `audit log ${path}: ${verdict.rows} rows, chain intact (head ${verdict.headHash.slice(0, 16)}…)`,
      );
      return 0;
    }
    console.error(
      `audit log ${path}: BROKEN at row ${verdict.firstBrokenSeq}: ${verdict.reason} (${verdict.rows} rows read)`,
    );
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main();
