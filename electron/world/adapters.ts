// Adapts the capability services to the reception flow's ports. Both worlds use these; they
// differ only in which devices sit under the services.
import type { CardFaceOutcome, CardFaceService, CardSurfaceUnlockPort } from '../card-face/index';
import { KioskError } from '../errors/kiosk-error';
import type { EligibilityService } from '../eligibility/service';
import { toPatientView } from '../eligibility/views';
import type { FaceVerifier } from '../face/verifier';
import type { FaceProgress } from '../face/session';
import type {
  CardFacePort,
  CardFaceUnlockOutcome,
  EligibilityPort,
  FaceVerifierPort,
} from '../reception/ports';
import type { PatientText } from '../contract';
import { textInEveryLanguage } from '../../i18n';

/** The face module's prompt in every language: the catalogue key follows what the prompt says. */
function facePrompt(progress: FaceProgress): PatientText | null {
  if (!progress.prompt) return null;
  const id = progress.outcome
    ? `face.outcome.${progress.outcome}`
    : progress.guidance
      ? `face.guidance.${progress.guidance}`
      : progress.challenge
        ? `face.challenge.${progress.challenge.kind}`
        : 'face.guidance.hold-still';
  return textInEveryLanguage(id, progress.prompt);
}

export function faceVerifierPort(verifier: FaceVerifier): FaceVerifierPort {
  return {
    async start(cardPhotoJ2k, signal) {
      const session = await verifier.startSession(cardPhotoJ2k);
      if (signal?.aborted) {
        session.cancel();
        throw new KioskError('card.aborted', 'face check started after the flow left the step');
      }
      return {
        async submit(jpeg) {
          const progress = await session.submitFrame({ format: 'jpeg', data: jpeg });
          const feedback = {
            cue: progress.guidance ?? progress.challenge?.kind ?? null,
            prompt: facePrompt(progress),
            box: progress.box,
            attempt: progress.attempt,
            maxAttempts: progress.maxAttempts,
          };
          if (!progress.final) return { feedback, result: null };
          if (progress.outcome === 'match') return { feedback, result: { kind: 'match' } };
          const code =
            progress.outcome === 'bad-card-photo' ? 'reception.card-photo-unusable' : 'reception.face-failed';
          return { feedback, result: { kind: 'withdrawn', code } };
        },
        cancel: () => session.cancel(),
      };
    },
  };
}

/**
 * The card-face step over one card session. The flow's AbortSignal of the running placement is
 * checked again right before the VERIFY of 照合番号B (and the card session checks it once more).
 */
export function cardFacePort(cardFace: CardFaceService): CardFacePort {
  return {
    begin(card) {
      let signal: AbortSignal | undefined;
      const port: CardSurfaceUnlockPort = {
        cardSurfaceTriesLeft: () => card.cardSurfaceTriesLeft(signal),
        async unlockCardSurface(collationNumber) {
          if (signal?.aborted) throw new KioskError('card.aborted', 'placement left before VERIFY');
          const outcome = await card.unlockCardSurface(collationNumber.reveal(), signal);
          return outcome.ok
            ? { ok: true }
            : { ok: false, triesLeft: outcome.triesLeft, notSent: outcome.notSent === true };
        },
      };
      const step = cardFace.startSession(port);
      const toFlow = (outcome: CardFaceOutcome): CardFaceUnlockOutcome =>
        outcome.kind === 'unlocked'
          ? { kind: 'unlocked' }
          : outcome.kind === 're-place'
            ? { kind: outcome.kind, code: outcome.code }
            : {
                kind: outcome.kind,
                code: outcome.code,
                ...(outcome.triesLeft !== undefined ? { triesLeft: outcome.triesLeft } : {}),
              };
      return {
        async unlock(chipExpiryYear, placementSignal) {
          signal = placementSignal;
          const outcome = await step.unlockFromCardFace({ expiryYear: chipExpiryYear });
          if (signal?.aborted) throw new KioskError('card.aborted', 'placement left');
          return toFlow(outcome);
        },
        async unlockFromStaffEntry(typed, chipExpiryYear, entrySignal) {
          signal = entrySignal;
          const outcome = await step.unlockFromStaffEntry(typed, { expiryYear: chipExpiryYear });
          if (signal?.aborted) throw new KioskError('card.aborted', 'staff entry left');
          return toFlow(outcome);
        },
        end: () => step.endSession(),
      };
    },
  };
}

export function eligibilityPort(eligibility: EligibilityService): EligibilityPort {
  return {
    challenge: async () => (await eligibility.challenge()).challenge,
    async confirm(patient) {
      const outcome = await eligibility.confirm({
        method: patient.method,
        authCertificatePem: patient.authCertificatePem,
        consent: patient.consent,
        ...(patient.pinSignature ? { pinSignature: patient.pinSignature } : {}),
        ...(patient.cardBirthDate ? { cardBirthDate: patient.cardBirthDate } : {}),
        ...(patient.cardSex === 'male' || patient.cardSex === 'female' ? { cardSex: patient.cardSex } : {}),
      });
      const view = toPatientView(outcome);
      if (view.result === 'confirmed') return { result: 'confirmed' };
      if (view.result === 'pending') return { result: 'queued' };
      return { result: 'refused', code: view.code ?? 'kiosk.internal' };
    },
  };
}
