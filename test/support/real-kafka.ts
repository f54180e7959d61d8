// A real Apache Kafka 4.x broker for integration and e2e tests: one KRaft node (broker and
// controller in one JVM) from Maven Central jars, with a PLAINTEXT listener and a SASL_SSL one
// (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) whose certificate is made at start.
//
// test/run.mjs starts it once per test run and hands it to the tests through OQS_TEST_KAFKA_*;
// tests call realKafka() to read those.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderBrokerConfig } from './kafka/broker-config.js';
import { makeTestCertificates } from './kafka/certificates.js';
import { freePort } from './kafka/free-port.js';

const run = promisify(execFile);
const kafkaSupportDir = fileURLToPath(new URL('./kafka/', import.meta.url));
const workDirPrefix = 'oqs-kafka-';
const startedMessage = 'Kafka Server started';

export interface RealKafka {
  /** host:port of the PLAINTEXT listener (127.0.0.1). */
  plaintext: string;
  /** host:port of the SASL_SSL listener (localhost, certificate signed by caFile). */
  saslSsl: string;
  /** PEM file of the CA that signed the broker certificate. */
  caFile: string;
  /** SASL/PLAIN user on the SASL_SSL listener. */
  username: string;
  password: string;
  /** A user with SCRAM-SHA-256 and SCRAM-SHA-512 credentials on the SASL_SSL listener. */
  scram?: { username: string; password: string };
  stop(): Promise<void>;
}

/** The environment variables test/run.mjs sets for the test processes. */
export const realKafkaEnvNames = {
  plaintext: 'OQS_TEST_KAFKA_PLAINTEXT',
  saslSsl: 'OQS_TEST_KAFKA_SASL_SSL',
  caFile: 'OQS_TEST_KAFKA_CA_FILE',
  username: 'OQS_TEST_KAFKA_USER',
  password: 'OQS_TEST_KAFKA_PASSWORD',
  scramUsername: 'OQS_TEST_KAFKA_SCRAM_USER',
  scramPassword: 'OQS_TEST_KAFKA_SCRAM_PASSWORD',
} as const;

/** The broker test/run.mjs started, read from OQS_TEST_KAFKA_*. Its stop() does nothing: run.mjs owns it. */
export function realKafka(): RealKafka {
  const names = realKafkaEnvNames;
  const required = [names.plaintext, names.saslSsl, names.caFile, names.username, names.password];
  const missing = required.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `No real Kafka broker for this test: ${missing.join(', ')} not set. ` +
        'Run tests through `npm test` (node test/run.mjs), which starts Apache Kafka and sets these.',
    );
  }
  const env = process.env as Record<string, string>;
  const scramUser = env[names.scramUsername];
  const scramPassword = env[names.scramPassword];
  return {
    plaintext: env[names.plaintext],
    saslSsl: env[names.saslSsl],
    caFile: env[names.caFile],
    username: env[names.username],
    password: env[names.password],
    scram: scramUser && scramPassword ? { username: scramUser, password: scramPassword } : undefined,
    stop: async () => {},
  };
}

/** The OQS_TEST_KAFKA_* variables describing `kafka`, for child processes. */
export function realKafkaEnv(kafka: RealKafka): Record<string, string> {
  const names = realKafkaEnvNames;
  const env: Record<string, string> = {
    [names.plaintext]: kafka.plaintext,
    [names.saslSsl]: kafka.saslSsl,
    [names.caFile]: kafka.caFile,
    [names.username]: kafka.username,
    [names.password]: kafka.password,
  };
  if (kafka.scram) {
    env[names.scramUsername] = kafka.scram.username;
    env[names.scramPassword] = kafka.scram.password;
  }
  return env;
}

/**
 * Starts a fresh single-node broker in a temporary directory; stop() ends the JVM and removes
 * the directory. The JVM also dies with this process (setpriv --pdeathsig) where setpriv exists.
 */
export async function startRealKafka(): Promise<RealKafka> {
  const [libs, java] = await Promise.all([fetchKafkaJars(), findJava()]);
  await removeStaleRuns();

  const workDir = await mkdtemp(path.join(os.tmpdir(), workDirPrefix));
  await chmod(workDir, 0o700);
  await writeFile(path.join(workDir, 'owner.pid'), String(process.pid));
  let broker: ChildProcess | undefined;
  try {
    const [plaintextPort, saslSslPort, controllerPort] = await distinctFreePorts(3);
    const keystorePassword = secret();
    const username = 'quickstart';
    const password = secret();
    const scram = { username: 'quickstart-scram', password: secret() };

    const tlsDir = path.join(workDir, 'tls');
    const dataDir = path.join(workDir, 'data');
    await mkdir(tlsDir);
    const certificates = await makeTestCertificates(tlsDir, keystorePassword);

    const configFile = path.join(workDir, 'server.properties');
    const config = await renderBrokerConfig({
      CONTROLLER_PORT: controllerPort,
      PLAINTEXT_PORT: plaintextPort,
      SASL_SSL_PORT: saslSslPort,
      KEYSTORE_FILE: certificates.keystoreFile,
      KEYSTORE_PASSWORD: keystorePassword,
      PLAIN_USER: username,
      PLAIN_PASSWORD: password,
      DATA_DIR: dataDir,
    });
    await writeFile(configFile, config, { mode: 0o600 });

    const classpath = path.join(libs, '*');
    const logConfig = `-Dlog4j2.configurationFile=${path.join(kafkaSupportDir, 'log4j2.properties')}`;
    // The SCRAM passwords go through a java @argfile (0600), not the command line `ps` shows.
    const formatArgs = path.join(workDir, 'format.args');
    await writeFile(
      formatArgs,
      [
        '-Xmx256m', logConfig, '-cp', classpath, 'kafka.tools.StorageTool', 'format',
        '-t', clusterId(), '-c', configFile,
        '--add-scram', `SCRAM-SHA-256=[name=${scram.username},password=${scram.password}]`,
        '--add-scram', `SCRAM-SHA-512=[name=${scram.username},password=${scram.password}]`,
      ].join('\n'),
      { mode: 0o600 },
    );
    await runJava(java, [`@${formatArgs}`], 'formatting the Kafka storage');

    const logFile = path.join(workDir, 'broker.log');
    broker = spawnWithParentDeath(java, [
      '-Xms128m', '-Xmx512m', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true',
      logConfig, '-cp', classpath, 'kafka.Kafka', configFile,
    ]);
    await writeFile(path.join(workDir, 'broker.pid'), String(broker.pid));
    await waitForStart(broker, logFile);

    const process_ = broker;
    let stopping: Promise<void> | undefined;
    return {
      plaintext: `127.0.0.1:${plaintextPort}`,
      saslSsl: `localhost:${saslSslPort}`,
      caFile: certificates.caFile,
      username,
      password,
      scram,
      stop: () => (stopping ??= stopBroker(process_, workDir)),
    };
  } catch (error) {
    if (broker) await stopBroker(broker, workDir);
    else await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function fetchKafkaJars(): Promise<string> {
  try {
    const { stdout } = await run('bash', [path.join(kafkaSupportDir, 'fetch-jars.sh')], { maxBuffer: 1 << 24 });
    const libs = stdout.trim().split('\n').pop() ?? '';
    if (!existsSync(libs)) throw new Error(`fetch-jars.sh printed no jar directory: ${stdout}`);
    return libs;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`Could not fetch the Apache Kafka jars with Maven: ${stderr.trim() || String(error)}`);
  }
}

async function findJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let versionText: string;
  try {
    versionText = (await run(java, ['-version'])).stderr;
  } catch {
    throw new Error(`Apache Kafka needs Java 17 or newer; '${java}' could not be run. Install a JDK (apt-get install default-jdk-headless).`);
  }
  const major = Number(/version "(\d+)/.exec(versionText)?.[1] ?? 0);
  if (major < 17) throw new Error(`Apache Kafka 4 needs Java 17 or newer; '${java}' is ${major || 'unknown'}.`);
  return java;
}

async function runJava(java: string, args: string[], what: string): Promise<void> {
  try {
    await run(java, args, { maxBuffer: 1 << 24 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${what} failed:\n${lastLines(`${stdout}\n${stderr}`, 30)}`);
  }
}

/** Spawns so that the child gets SIGTERM if this process dies without stopping it. */
function spawnWithParentDeath(command: string, args: string[]): ChildProcess {
  const hasSetpriv = ['/usr/bin/setpriv', '/bin/setpriv'].some((file) => existsSync(file));
  const [file, argv] = hasSetpriv ? ['setpriv', ['--pdeathsig', 'TERM', '--', command, ...args]] : [command, args];
  return spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitForStart(broker: ChildProcess, logFile: string): Promise<void> {
  const timeoutMs = Number(process.env.OQS_TEST_KAFKA_START_TIMEOUT_MS ?? 180_000);
  const log = createWriteStream(logFile, { mode: 0o600 });
  let recent = '';
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      // Keep a bounded tail: enough to see the start message or explain a failure.
      recent = (recent + chunk.toString('utf8')).slice(-20_000);
      if (recent.includes(startedMessage)) settle();
    };
    broker.stdout?.on('data', onData);
    broker.stderr?.on('data', onData);
    broker.once('error', (error) => settle(new Error(`Could not start the Kafka JVM: ${error.message}`)));
    broker.once('exit', (code, signal) => {
      log.end();
      settle(new Error(`Kafka broker exited (${signal ?? `code ${code}`}) before it started:\n${lastLines(recent, 40)}`));
    });
    const timer = setTimeout(
      () => settle(new Error(`Kafka broker did not start within ${timeoutMs} ms:\n${lastLines(recent, 40)}`)),
      timeoutMs,
    );
  });
}

async function stopBroker(broker: ChildProcess, workDir: string): Promise<void> {
  if (broker.exitCode === null && broker.signalCode === null) {
    const exited = new Promise<void>((resolve) => broker.once('exit', () => resolve()));
    broker.kill('SIGTERM');
    // A controlled shutdown of one node takes a few seconds; past that, stop waiting.
    const timer = setTimeout(() => broker.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  if (process.env.OQS_TEST_KAFKA_KEEP !== '1') await rm(workDir, { recursive: true, force: true });
}

/** Removes directories of earlier runs whose owner died (e.g. SIGKILL), ending their broker if it lives. */
async function removeStaleRuns(): Promise<void> {
  const tmp = os.tmpdir();
  for (const name of await readdir(tmp)) {
    if (!name.startsWith(workDirPrefix)) continue;
    const dir = path.join(tmp, name);
    const owner = Number(await readFile(path.join(dir, 'owner.pid'), 'utf8').catch(() => '0'));
    if (!owner || isAlive(owner)) continue;
    const brokerPid = Number(await readFile(path.join(dir, 'broker.pid'), 'utf8').catch(() => '0'));
    // Only a process whose command line names this directory is ours; a reused pid is left alone.
    const cmdline = brokerPid ? await readFile(`/proc/${brokerPid}/cmdline`, 'utf8').catch(() => '') : '';
    if (cmdline.includes(dir)) process.kill(brokerPid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, as Uuid.toString() gives.
 * Like Kafka's own Uuid.randomUuid(), never one starting with '-', which a command line takes for an option.
 */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
