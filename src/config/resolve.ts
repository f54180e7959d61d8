// The Kafka settings a walk runs with, from every source in order (later wins):
// rpk profile → .env in the working directory → environment → flags → prompts for what is missing.
// Every invalid value becomes one problem naming its source; secrets never appear in one.

import { checkBrokerList } from './brokers.js';
import { checkCaFile } from './ca-file.js';
import { readDotenvLayer } from './dotenv-file.js';
import { readEnvironmentLayer } from './environment.js';
import { readFlagsLayer, type KafkaFlags } from './flags.js';
import { isEmptyLayer, mergeLayers, type KafkaLayer } from './layer.js';
import { configError, configWarning, NOT_SET, type ConfigProblem } from './problems.js';
import type { PromptFn, PromptQuestion } from './prompt.js';
import { defaultRpkConfigPath, readRpkProfileLayer } from './rpk-profile.js';
import { parseSaslMechanism, parseSecurityProtocol, usesSasl, usesTls } from './security.js';
import { checkTopic, DEFAULT_TOPIC } from './topic.js';
import {
  SASL_MECHANISMS,
  SECURITY_PROTOCOLS,
  Secret,
  type KafkaConfig,
  type SaslMechanism,
  type SecurityProtocol,
} from './types.js';

export type { KafkaFlags } from './flags.js';
export type { ConfigProblem } from './problems.js';
export { formatProblems } from './problems.js';
export type { PromptFn, PromptQuestion } from './prompt.js';

export interface ResolveKafkaOptions {
  flags: KafkaFlags;
  env: NodeJS.ProcessEnv;
  /** Where .env is read from. */
  cwd: string;
  /** rpk.yaml to read; default per rpk's rules ($RPK_CONFIG, else the user config dir). */
  rpkConfigPath?: string;
  /** null: non-interactive, so a missing value is a problem. */
  prompt?: PromptFn | null;
}

export type ResolveKafkaResult =
  | {
      ok: true;
      kafka: KafkaConfig;
      /** 'none': no source said anything about Kafka; the caller uses the sandbox (nothing was asked). */
      origin: 'configured' | 'none';
      warnings: ConfigProblem[];
    }
  | { ok: false; problems: ConfigProblem[] };

const PROMPTED = 'prompt';
const DEFAULTED = 'default';

export async function resolveKafkaConfig(opts: ResolveKafkaOptions): Promise<ResolveKafkaResult> {
  const { env, cwd } = opts;
  const prompt = opts.prompt ?? null;

  const selectedProfile = opts.flags.rpkProfile
    ? { name: opts.flags.rpkProfile, source: '--rpk-profile (flag)' }
    : env.RPK_PROFILE
      ? { name: env.RPK_PROFILE, source: 'RPK_PROFILE (environment)' }
      : undefined;
  const rpk = await readRpkProfileLayer({
    path: opts.rpkConfigPath ?? defaultRpkConfigPath(env),
    env,
    selected: selectedProfile,
  });
  const dotenv = await readDotenvLayer(cwd, env);
  const environment = readEnvironmentLayer(env);
  const flags = readFlagsLayer(opts.flags);

  const problems: ConfigProblem[] = [...rpk.problems, ...dotenv.problems, ...environment.problems];
  const merged = mergeLayers([rpk.layer, dotenv.layer, environment.layer, flags]);
  const secrets = [rpk.layer, dotenv.layer, environment.layer]
    .map((layer) => layer.password?.value)
    .filter((s): s is Secret => s !== undefined);
  const finish = (result: ResolveKafkaResult) => scrubSecrets(result, secrets);

  if (isEmptyLayer(merged)) {
    if (problems.some((p) => p.level === 'error')) return finish({ ok: false, problems });
    const kafka: KafkaConfig = { brokers: [], topic: DEFAULT_TOPIC, securityProtocol: 'PLAINTEXT', sources: {} };
    return finish({ ok: true, kafka, origin: 'none', warnings: problems });
  }

  const values = await validateLayer(merged, cwd, problems);
  const sources: Record<string, string> = {};
  for (const [key, setting] of Object.entries(merged)) sources[key] = (setting as { source: string }).source;

  // The protocol: what a source said, else PLAINTEXT — unless SASL settings were given without one,
  // which is ambiguous (SASL_SSL or SASL_PLAINTEXT?) and so is asked, not guessed.
  const saslGiven = merged.saslMechanism ?? merged.username ?? merged.password;
  let protocolUndecided = false;
  if (!merged.securityProtocol) {
    if (saslGiven) protocolUndecided = true;
    else {
      values.securityProtocol = 'PLAINTEXT';
      sources.securityProtocol = DEFAULTED;
    }
  }
  if (!merged.topic) {
    values.topic = DEFAULT_TOPIC;
    sources.topic = DEFAULTED;
  }

  // Invalid values are fixed where they came from; asking about other things first would waste a person's time.
  if (problems.some((p) => p.level === 'error')) return finish({ ok: false, problems });

  const missing = (key: string, message: string) => problems.push(configError(key, NOT_SET, message));
  const ask = async <T>(question: PromptQuestion, convert: (answer: string) => T): Promise<T> => {
    const answer = await prompt!(question);
    sources[question.key] = PROMPTED;
    return convert(answer);
  };

  let brokersAsked = false;
  if (!values.brokers) {
    if (!prompt) {
      missing('brokers', 'no Kafka brokers given: set KAFKA_BROKERS (or KAFKA_BOOTSTRAP_SERVERS) in the environment or .env, pass --brokers, or set brokers in your rpk profile');
    } else {
      brokersAsked = true;
      values.brokers = await ask(
        { kind: 'input', key: 'brokers', message: 'Kafka bootstrap brokers (host:port, comma-separated)', validate: validateBrokersAnswer },
        (answer) => checkBrokerList(answer).brokers,
      );
    }
  }

  // Ask the protocol when nothing decided it, or when the brokers were just typed in and it was only defaulted.
  if (protocolUndecided || (brokersAsked && sources.securityProtocol === DEFAULTED)) {
    if (!prompt) {
      missing('securityProtocol', `SASL settings were given (${saslGiven!.source}) but no security protocol: set KAFKA_SECURITY_PROTOCOL to SASL_SSL or SASL_PLAINTEXT, or pass --security-protocol`);
    } else {
      values.securityProtocol = await ask(
        {
          kind: 'select',
          key: 'securityProtocol',
          message: 'Security protocol',
          choices: SECURITY_PROTOCOLS.map((p) => ({ value: p, name: p, description: PROTOCOL_HELP[p] })),
          default: protocolUndecided ? 'SASL_SSL' : 'PLAINTEXT',
        },
        (answer) => answer as SecurityProtocol,
      );
    }
  }

  const protocol = values.securityProtocol;
  if (protocol && usesSasl(protocol)) {
    if (!values.saslMechanism) {
      if (!prompt) missing('saslMechanism', `security protocol ${protocol} needs a SASL mechanism: set KAFKA_SASL_MECHANISM (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512) or pass --sasl-mechanism`);
      else {
        values.saslMechanism = await ask(
          {
            kind: 'select',
            key: 'saslMechanism',
            message: 'SASL mechanism',
            choices: SASL_MECHANISMS.map((m) => ({ value: m, name: m })),
            default: 'PLAIN',
          },
          (answer) => answer as SaslMechanism,
        );
      }
    }
    if (!values.username) {
      if (!prompt) missing('username', `security protocol ${protocol} needs a SASL username: set KAFKA_SASL_USERNAME or pass --sasl-username`);
      else {
        values.username = await ask(
          { kind: 'input', key: 'username', message: 'SASL username (API key)', validate: (v) => v.trim() !== '' || 'the username cannot be empty' },
          (answer) => answer.trim(),
        );
      }
    }
    if (!values.password) {
      if (!prompt) missing('password', `security protocol ${protocol} needs a SASL password: set KAFKA_SASL_PASSWORD in the environment or .env`);
      else {
        values.password = await ask(
          { kind: 'password', key: 'password', message: 'SASL password (API secret)', validate: (v) => v !== '' || 'the password cannot be empty' },
          (answer) => new Secret(answer),
        );
        secrets.push(values.password);
      }
    }
  }

  if (problems.some((p) => p.level === 'error')) return finish({ ok: false, problems });

  // Settings the chosen protocol does not use: drop them, and say so, since someone set them on purpose.
  const finalProtocol = values.securityProtocol!;
  if (!usesSasl(finalProtocol)) {
    for (const key of ['saslMechanism', 'username', 'password'] as const) {
      if (values[key] === undefined) continue;
      problems.push(configWarning(key, sources[key], `${SETTING_NAMES[key]} is ignored: security protocol ${finalProtocol} (${sources.securityProtocol}) does not use SASL`));
      delete values[key];
      delete sources[key];
    }
  }
  if (values.caFile !== undefined && !usesTls(finalProtocol)) {
    problems.push(configWarning('caFile', sources.caFile, `the CA file is ignored: security protocol ${finalProtocol} (${sources.securityProtocol}) does not use TLS`));
    delete values.caFile;
    delete sources.caFile;
  }

  const kafka: KafkaConfig = {
    brokers: values.brokers!,
    topic: values.topic!,
    securityProtocol: finalProtocol,
    ...(values.saslMechanism && { saslMechanism: values.saslMechanism }),
    ...(values.username && { username: values.username }),
    ...(values.password && { password: values.password }),
    ...(values.caFile && { caFile: values.caFile }),
    sources,
  };
  return finish({ ok: true, kafka, origin: 'configured', warnings: problems });
}

interface CheckedValues {
  brokers?: string[];
  topic?: string;
  securityProtocol?: SecurityProtocol;
  saslMechanism?: SaslMechanism;
  username?: string;
  password?: Secret;
  caFile?: string;
}

/** Check every value the sources gave; push one problem per invalid value, return the valid ones. */
async function validateLayer(layer: KafkaLayer, cwd: string, problems: ConfigProblem[]): Promise<CheckedValues> {
  const values: CheckedValues = {};
  if (layer.brokers) {
    const { source, value } = layer.brokers;
    const checked = checkBrokerList(value);
    checked.errors.forEach((m) => problems.push(configError('brokers', source, m)));
    checked.warnings.forEach((m) => problems.push(configWarning('brokers', source, m)));
    if (checked.errors.length === 0) values.brokers = checked.brokers;
  }
  if (layer.topic) {
    const { source, value } = layer.topic;
    const checked = checkTopic(value);
    checked.errors.forEach((m) => problems.push(configError('topic', source, m)));
    checked.warnings.forEach((m) => problems.push(configWarning('topic', source, m)));
    if (checked.errors.length === 0) values.topic = value;
  }
  if (layer.securityProtocol) {
    const parsed = parseSecurityProtocol(layer.securityProtocol.value);
    if (typeof parsed === 'string') values.securityProtocol = parsed;
    else problems.push(configError('securityProtocol', layer.securityProtocol.source, parsed.error));
  }
  if (layer.saslMechanism) {
    const parsed = parseSaslMechanism(layer.saslMechanism.value);
    if (typeof parsed === 'string') values.saslMechanism = parsed;
    else problems.push(configError('saslMechanism', layer.saslMechanism.source, parsed.error));
  }
  if (layer.username) values.username = layer.username.value;
  if (layer.password) values.password = layer.password.value;
  if (layer.caFile) {
    const checked = await checkCaFile(layer.caFile.value, cwd);
    if ('path' in checked) values.caFile = checked.path;
    else problems.push(configError('caFile', layer.caFile.source, checked.error));
  }
  return values;
}

function validateBrokersAnswer(answer: string): true | string {
  const checked = checkBrokerList(answer);
  return checked.errors.length === 0 ? true : checked.errors.join('; ');
}

const PROTOCOL_HELP: Record<SecurityProtocol, string> = {
  PLAINTEXT: 'no TLS, no authentication (a local broker)',
  SSL: 'TLS, no SASL authentication',
  SASL_PLAINTEXT: 'SASL authentication without TLS',
  SASL_SSL: 'SASL authentication over TLS (Confluent Cloud and most hosted Kafka)',
};

const SETTING_NAMES = { saslMechanism: 'the SASL mechanism', username: 'the SASL username', password: 'the SASL password' } as const;

/**
 * Defence in depth: no problem text may contain a secret, whatever a parser or a person's typo
 * put there. Very short secrets are left alone, as masking them would garble ordinary words.
 */
function scrubSecrets(result: ResolveKafkaResult, secrets: readonly Secret[]): ResolveKafkaResult {
  const revealed = secrets.map((s) => s.reveal()).filter((s) => s.length >= 4);
  if (revealed.length === 0) return result;
  const scrub = (p: ConfigProblem): ConfigProblem => ({
    ...p,
    message: revealed.reduce((m, s) => m.split(s).join('••••'), p.message),
    source: revealed.reduce((m, s) => m.split(s).join('••••'), p.source),
  });
  return result.ok ? { ...result, warnings: result.warnings.map(scrub) } : { ...result, problems: result.problems.map(scrub) };
}
