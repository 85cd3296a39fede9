// Adapts the visual-check desk (staff accounts + audit) to what the reception flow needs: the card
// is named by its authentication certificate's serial (hashed by the desk before it is audited), and
// the chip photo is turned into a JPEG data: URL in memory, for the visual-check view only.
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import jpeg from 'jpeg-js';
import { decodeCardPhoto } from '../face/card-photo';
import { createImage } from '../face/image';
import type { VisualCheckPort } from '../reception/ports';
import type { VisualCheckDesk } from './visual-check';

/** The certificate's serial, lower-case hex (as the card driver prints it). */
function certificateSerial(pem: string): string {
  return new X509Certificate(pem).serialNumber.toLowerCase();
}

/** Encodes the decoded (grey or RGB) chip photo as a JPEG data: URL; the pixels are overwritten after. */
async function photoDataUrl(photoJ2k: Uint8Array): Promise<string> {
  const image = await decodeCardPhoto(photoJ2k);
  const rgba = createImage(image.width, image.height, 4, 255);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      rgba.data[i * 4 + k] = image.data[i * image.channels + (image.channels === 1 ? 0 : k)] ?? 0;
    }
  }
  const encoded = jpeg.encode({ data: rgba.data, width: image.width, height: image.height }, 90);
  const url = `data:image/jpeg;base64,${Buffer.from(encoded.data).toString('base64')}`;
  image.data.fill(0);
  rgba.data.fill(0);
  encoded.data.fill(0);
  return url;
}

export function visualCheckPort(desk: VisualCheckDesk): VisualCheckPort {
  return {
    staffNames: () => desk.staffNames(),
    async authorise(name, passcode) {
      const result = await desk.authorise(name, passcode);
      return result.ok ? { ok: true, staff: result.actor } : result;
    },
    decided: (staff, decision, authCertificatePem) =>
      desk.decided(staff, decision, { certificateSerial: certificateSerial(authCertificatePem) }),
    photoDataUrl,
    collationNumberEntered: (staff, authCertificatePem, outcome) =>
      desk.collationNumberEntered(
        staff,
        { certificateSerial: certificateSerial(authCertificatePem) },
        outcome.ok ? 'ok' : 'refused',
        outcome.ok
          ? undefined
          : {
              ...(outcome.code ? { code: outcome.code } : {}),
              ...(outcome.triesLeft !== undefined ? { triesLeft: outcome.triesLeft } : {}),
            },
      ),
  };
}
