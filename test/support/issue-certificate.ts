// The issuer's side of provisioning, for the tests: signs a terminal's CSR with the simulated
// world's TEST CA (the CA the eligibility simulator trusts for client certificates).
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { PROJECT_ROOT } from '../../electron/browser-main';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const TEST_SERVICE_CA = join(PROJECT_ROOT, 'sim/fixtures/eligibility/tls/test-ca.pem');
const TEST_CA_KEY = join(PROJECT_ROOT, 'sim/fixtures/eligibility/tls/test-ca.key.pem');

/** Issues a client certificate for `csrFile`, valid from a day before `nowMs` for `days` days. */
export async function issueTerminalCertificate(
  csrFile: string,
  outFile: string,
  options: { nowMs: number; days: number },
): Promise<string> {
  const csr = new x509.Pkcs10CertificateRequest(readFileSync(csrFile, 'utf8'));
  const ca = new x509.X509Certificate(readFileSync(TEST_SERVICE_CA, 'utf8'));
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(readFileSync(TEST_CA_KEY)).export({ format: 'der', type: 'pkcs8' }),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^./, '1'),
    subject: csr.subject,
    issuer: ca.subject,
    notBefore: new Date(options.nowMs - 86_400_000),
    notAfter: new Date(options.nowMs + options.days * 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    publicKey: await csr.publicKey.export(),
    signingKey: caKey,
    extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
  });
  writeFileSync(outFile, certificate.toString('pem'));
  return outFile;
}
