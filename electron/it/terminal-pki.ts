// The terminal's identity for the eligibility service's mutual TLS: a key pair made on the terminal
// (the private key never leaves it), a certificate signing request IT sends to the issuer, and the
// issued certificate installed beside the key once it is checked to belong to that key and to chain
// to the service's CA.
import { webcrypto, X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { writePrivateFile } from '../eligibility/key-store';
import { ItError } from './it-error';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Where the TLS files live in a terminal's data folder. */
export function tlsPaths(dataDir: string) {
  const dir = join(dataDir, 'tls');
  return {
    dir,
    keyFile: join(dir, 'terminal.key.pem'),
    csrFile: join(dir, 'terminal.csr.pem'),
    certFile: join(dir, 'terminal.pem'),
    caFile: join(dir, 'service-ca.pem'),
  };
}

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/**
 * Makes the terminal's key pair (once: an existing key is kept, so a re-run does not invalidate an
 * issued certificate) and writes a CSR naming the terminal and its 医療機関コード.
 */
export async function ensureTerminalKeyAndCsr(
  dataDir: string,
  subject: { terminalId: string; facilityCode: string },
): Promise<{ keyCreated: boolean; csrFile: string }> {
  const paths = tlsPaths(dataDir);
  let keyCreated = false;
  if (!existsSync(paths.keyFile)) {
    const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    writePrivateFile(paths.keyFile, Buffer.from(pem('PRIVATE KEY', der)));
    keyCreated = true;
  }
  const keyPem = readFileSync(paths.keyFile, 'utf8');
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(keyPem).export({ format: 'der', type: 'pkcs8' }),
    EC,
    true,
    ['sign'],
  );
  const publicKey = await webcrypto.subtle.importKey(
    'spki',
    createPublicKey(keyPem).export({ format: 'der', type: 'spki' }),
    EC,
    true,
    ['verify'],
  );
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [subject.terminalId] }, { O: [subject.facilityCode] }],
    keys: { privateKey, publicKey },
    signingAlgorithm: SIGNING,
  });
  writePrivateFile(paths.csrFile, Buffer.from(csr.toString('pem') + '\n'));
  return { keyCreated, csrFile: paths.csrFile };
}

/** A PEM certificate given by an option, or the refusal naming that option. */
function readCertificate(file: string, option: string, expected: string): X509Certificate {
  try {
    return new X509Certificate(readFileSync(file));
  } catch {
    throw new ItError(option, `${file} is not a PEM certificate`, expected);
  }
}

/**
 * Installs the issued certificate and the service's CA after checking that the certificate is for
 * this terminal's key, was signed by that CA, and is valid now. Nothing is written on a refusal.
 */
export function installCertificate(
  dataDir: string,
  files: { certificate: string; serviceCa: string },
  nowMs: number,
): { notAfter: string } {
  const paths = tlsPaths(dataDir);
  if (!existsSync(paths.keyFile)) {
    throw new ItError(
      '--certificate',
      'there is no terminal key yet',
      'run provision once to make the key and CSR',
    );
  }
  const certificate = readCertificate(
    files.certificate,
    '--certificate',
    'the certificate the issuer returned for terminal.csr.pem',
  );
  const ca = readCertificate(files.serviceCa, '--service-ca', "the eligibility service's CA certificate");
  if (!certificate.checkPrivateKey(createPrivateKey(readFileSync(paths.keyFile)))) {
    throw new ItError(
      '--certificate',
      'the certificate is not for this terminal’s key',
      `a certificate issued for ${paths.csrFile}`,
    );
  }
  if (!certificate.verify(ca.publicKey) || !certificate.checkIssued(ca)) {
    throw new ItError(
      '--certificate',
      'the certificate was not issued by the given service CA',
      'the certificate and the CA that signed it',
    );
  }
  if (Date.parse(certificate.validTo) <= nowMs || Date.parse(certificate.validFrom) > nowMs) {
    throw new ItError(
      '--certificate',
      `the certificate is not valid now (valid ${certificate.validFrom} – ${certificate.validTo})`,
      'a certificate valid today',
    );
  }
  writePrivateFile(paths.certFile, Buffer.from(certificate.toString()));
  writePrivateFile(paths.caFile, Buffer.from(ca.toString()));
  return { notAfter: new Date(Date.parse(certificate.validTo)).toISOString() };
}
