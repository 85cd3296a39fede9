// The catalogue code a promise rejects with: tests assert what the patient and staff would be told.
import { isKioskError } from '../../electron/errors/kiosk-error';

export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isKioskError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a KioskError');
}
