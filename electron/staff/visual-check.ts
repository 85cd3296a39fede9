// The staff side of the visual check (目視確認) at the kiosk, for the reception statechart's
// sub-flow to call: staff pick their name and type their passcode on the kiosk screen (the same
// account, lockout and audit as the console), then their decision — and a typed 照合番号B, which
// the card-face module sends once — is audited against a keyed hash of the card's certificate
// serial. Nothing here touches the card: a visual check never resets its failure counters.
import type { AuditDetail, AuditLog, AuditOutcome } from '../audit/audit-log';
import type { StaffAccounts } from './accounts';
import type { StaffActor } from './sessions';

export type VisualCheckAuthorisation =
  { ok: true; actor: StaffActor } | { ok: false; code: 'staff.login-failed' | 'staff.locked' };

export interface VisualCheckDesk {
  /** Names for the kiosk's staff picker: accounts that are not locked. */
  staffNames(): string[];
  /** Checks a passcode typed on the kiosk; three wrong ones lock the account everywhere. */
  authorise(name: string, passcode: string): Promise<VisualCheckAuthorisation>;
  /** Audits staff's decision about the patient at the reader. */
  decided(
    actor: StaffActor,
    decision: 'confirm' | 'refuse',
    card: { certificateSerial: string; recordRef?: string },
  ): void;
  /** Audits that staff typed 照合番号B for an unreadable card face, and what the one VERIFY did
   *  (`detail`: the refusal's code and the tries left, never the number). */
  collationNumberEntered(
    actor: StaffActor,
    card: { certificateSerial: string },
    outcome: AuditOutcome,
    detail?: AuditDetail,
  ): void;
}

export function createVisualCheckDesk(options: {
  accounts: StaffAccounts;
  audit: AuditLog;
  subjectDigest: (certificateSerial: string) => string;
}): VisualCheckDesk {
  const { accounts, audit, subjectDigest } = options;
  return {
    staffNames: () =>
      accounts
        .list()
        .filter((account) => !account.locked)
        .map((account) => account.name),

    async authorise(name, passcode) {
      const result = await accounts.authenticate(name, passcode);
      if (!result.ok) {
        audit.record({
          actor: result.account?.name ?? '(unknown)',
          action: 'staff.login-refused',
          outcome: 'refused',
          detail: { code: result.code, where: 'kiosk' },
        });
        return { ok: false, code: result.code };
      }
      const { account } = result;
      audit.record({
        actor: account.name,
        action: 'visual-check.start',
        outcome: 'ok',
        detail: { where: 'kiosk' },
      });
      return { ok: true, actor: { accountId: account.id, name: account.name, role: account.role } };
    },

    decided(actor, decision, card) {
      audit.record({
        actor: actor.name,
        action: decision === 'confirm' ? 'visual-check.confirm' : 'visual-check.refuse',
        outcome: 'ok',
        subject: subjectDigest(card.certificateSerial),
        ...(card.recordRef ? { recordRef: card.recordRef } : {}),
      });
    },

    collationNumberEntered(actor, card, outcome, detail) {
      audit.record({
        actor: actor.name,
        action: 'visual-check.collation-number',
        outcome,
        subject: subjectDigest(card.certificateSerial),
        ...(detail ? { detail } : {}),
      });
    },
  };
}
