// Makes, at test time, a throwaway CA and a broker certificate it signed (SAN localhost and
// 127.0.0.1), with the JDK's keytool: the broker reads the PKCS12 keystore, Node's tls the CA PEM.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

const run = promisify(execFile);

export interface TestCertificates {
  /** PKCS12 keystore holding the broker's key, its certificate and the CA chain. */
  keystoreFile: string;
  /** The CA certificate, PEM, for clients (Node's `tls.ca`). */
  caFile: string;
}

/** Creates the files in `dir`; `storePassword` protects both keystores. */
export async function makeTestCertificates(dir: string, storePassword: string): Promise<TestCertificates> {
  const caStore = path.join(dir, 'ca.p12');
  const keystoreFile = path.join(dir, 'broker.p12');
  const caFile = path.join(dir, 'ca.pem');
  const csr = path.join(dir, 'broker.csr');
  const signed = path.join(dir, 'broker.pem');

  // keytool reads the password from this variable (`:env`), so it never shows in `ps`.
  const env = { ...process.env, OQS_KEYSTORE_PASSWORD: storePassword };
  const keytool = async (...args: string[]) => {
    try {
      await run('keytool', [...args, '-storepass:env', 'OQS_KEYSTORE_PASSWORD'], { env });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`keytool ${args[0]} failed: ${stderr.trim() || String(error)}`);
    }
  };
  // EC keys: much quicker to make than RSA and accepted by both the JDK and Node.
  const key = ['-keyalg', 'EC', '-groupname', 'secp256r1', '-validity', '2', '-storetype', 'PKCS12'];

  await keytool('-genkeypair', '-alias', 'ca', ...key, '-dname', 'CN=openflow-kafka-quickstart test CA',
    '-ext', 'bc:c', '-keystore', caStore);
  await keytool('-exportcert', '-rfc', '-alias', 'ca', '-keystore', caStore, '-file', caFile);
  await keytool('-genkeypair', '-alias', 'broker', ...key, '-dname', 'CN=localhost', '-keystore', keystoreFile);
  await keytool('-certreq', '-alias', 'broker', '-keystore', keystoreFile, '-file', csr);
  await keytool('-gencert', '-rfc', '-alias', 'ca', '-keystore', caStore, '-infile', csr, '-outfile', signed,
    '-validity', '2', '-ext', 'SAN=dns:localhost,ip:127.0.0.1', '-ext', 'EKU=serverAuth');
  await keytool('-importcert', '-noprompt', '-alias', 'ca', '-file', caFile, '-keystore', keystoreFile);
  await keytool('-importcert', '-noprompt', '-alias', 'broker', '-file', signed, '-keystore', keystoreFile);
  return { keystoreFile, caFile };
}
