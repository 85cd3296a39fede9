// Generates the simulator's TEST TLS material once (committed under sim/fixtures/eligibility/tls):
// a test CA, the server certificate for 127.0.0.1 / localhost, and the terminal's client
// certificate for mutual TLS. `npx tsx sim/eligibility/generate-tls.ts`
// Every key written here is a published TEST key for the simulated world only.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { mkdirSync, writeFileSync } from 'node:fs';

const webcrypto = globalThis.crypto;
x509.cryptoProvider.set(webcrypto);
const OUT = new URL('../fixtures/eligibility/tls/', import.meta.url);
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const notBefore = new Date('2026-01-01T00:00:00Z');
const notAfter = new Date('2046-01-01T00:00:00Z');
const TEST = 'O=Uketsuke TEST KEYS ONLY, C=JP';

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const caKeys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=Uketsuke eligibility simulator TEST CA, ${TEST}`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  async function leaf(
    serial: string,
    name: string,
    usage: string,
    altNames: x509.JsonGeneralNames | undefined,
  ) {
    const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      subject: `CN=${name}, ${TEST}`,
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: EC,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([usage]),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false),
        ...(altNames ? [new x509.SubjectAlternativeNameExtension(altNames)] : []),
      ],
    });
    return { certificate, keys };
  }

  const server = await leaf('02', 'localhost', x509.ExtendedKeyUsage.serverAuth, [
    { type: 'ip', value: '127.0.0.1' },
    { type: 'dns', value: 'localhost' },
  ]);
  const terminal = await leaf('03', 'uketsuke-01 terminal', x509.ExtendedKeyUsage.clientAuth, undefined);

  const write = (name: string, text: string) =>
    writeFileSync(new URL(name, OUT), text.endsWith('\n') ? text : `${text}\n`);
  write('test-ca.pem', ca.toString('pem'));
  write('test-ca.key.pem', await keyPem(caKeys.privateKey));
  write('test-server.pem', server.certificate.toString('pem'));
  write('test-server.key.pem', await keyPem(server.keys.privateKey));
  write('test-terminal.pem', terminal.certificate.toString('pem'));
  write('test-terminal.key.pem', await keyPem(terminal.keys.privateKey));
  console.log(`wrote TEST TLS material to ${OUT.pathname}`);
}

await main();
