// The JPKI user-authentication certificate (JPKI EF 000A), parsed with @peculiar/x509. It names
// nobody (subject C=JP, CN=<opaque>); the national service identifies the patient by it.
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { KioskError } from '../errors/kiosk-error';

export interface AuthCertificate {
  readonly der: Uint8Array;
  /** Hex, lower case, as @peculiar/x509 prints it. */
  readonly serialNumber: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SubjectPublicKeyInfo, DER: checks signatures made with the user-authentication key. */
  readonly publicKeySpki: Uint8Array;
  /** Issued by a TEST hierarchy (issuer O is not exactly "JPKI", e.g. O=JPKI-TEST). */
  readonly testHierarchy: boolean;
}

export function parseAuthCertificate(der: Uint8Array): AuthCertificate {
  // The library parses some fields lazily, so every field is read inside the guard.
  try {
    const cert = new X509Certificate(new Uint8Array(der));
    const organisations = cert.issuerName.getField('O');
    return {
      der,
      serialNumber: cert.serialNumber.toLowerCase(),
      subject: cert.subject,
      issuer: cert.issuer,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      publicKeySpki: new Uint8Array(cert.publicKey.rawData),
      testHierarchy: !(organisations.length === 1 && organisations[0] === 'JPKI'),
    };
  } catch (error) {
    throw new KioskError('card.auth-certificate-invalid', 'DER did not parse', { cause: error });
  }
}
