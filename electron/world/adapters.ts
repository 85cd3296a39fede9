// Adapts the capability services to the reception flow's ports. Both worlds use these; they
// differ only in which devices sit under the services.
import type { CardReaderService } from '../card/card-reader-service';
import { cardSurfacePort } from '../card-face/card-surface-port';
import type { CardFaceService } from '../card-face/index';
import type { EligibilityService } from '../eligibility/service';
import { toPatientView } from '../eligibility/views';
import type { FaceVerifier } from '../face/verifier';
import type { FaceProgress } from '../face/session';
import type { CardFacePort, EligibilityPort, FaceVerifierPort } from '../reception/ports';
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
    async start(cardPhotoJ2k) {
      const session = await verifier.startSession(cardPhotoJ2k);
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

export function cardFacePort(cardFace: CardFaceService, card: CardReaderService): CardFacePort {
  return {
    begin() {
      const step = cardFace.startSession(cardSurfacePort(card));
      return {
        async unlock(chipExpiryYear) {
          const outcome = await step.unlockFromCardFace({ expiryYear: chipExpiryYear });
          return outcome.kind === 'unlocked'
            ? { kind: 'unlocked' }
            : { kind: outcome.kind, code: outcome.code };
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
