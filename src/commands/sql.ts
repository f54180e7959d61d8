// `sql NAME`: prints one of the tutorial's scripts rendered for this setup, ready to paste into a
// Snowsight worksheet. The network rule uses the brokers the walk recorded (extract-brokers);
// without them the VALUE_LIST holds placeholders, and a comment says what to put there.
import { StateStore } from '../engine/state.js';
import { renderTemplate, templateNames } from '../sql.js';
import type { ExtractBrokersOut } from '../../steps/03-extract-brokers.js';
import type { CreateTopicOut } from '../../steps/02-create-topic.js';
import { namesFor, type SnowflakeStepSettings } from '../../steps/shared/snowflake.js';
import { EXIT, UsageError } from './exit.js';

export interface SqlCommandOptions {
  /** Template name: setup, verify, analytics, cleanup (or explore-base, explore-evolved). */
  name: string;
  stateDir: string;
  profile: string;
  /** --topic; else the topic the walk recorded; else the tutorial's. */
  topic?: string;
  snowflake?: SnowflakeStepSettings;
}

export const PLACEHOLDER_BROKERS = ['<bootstrap-host>:<port>', '<broker-1-host>:<port>', '<broker-2-host>:<port>', '<broker-3-host>:<port>'];

export async function sqlCommand(opts: SqlCommandOptions, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const available = templateNames();
  if (!available.includes(opts.name)) throw new UsageError(`no script named "${opts.name}"`, `Scripts: ${available.join(', ')}`);
  // Opened only to read: nothing is saved, so a missing state file stays missing.
  const store = await StateStore.open(opts.stateDir, opts.profile, '');
  const recorded = <T>(id: 'extract-brokers' | 'create-topic') => {
    const r = store.record(id);
    return r?.status === 'done' ? (r.outputs as T | undefined) : undefined;
  };
  const topic = opts.topic ?? recorded<CreateTopicOut>('create-topic')?.topic ?? 'application-logs';
  const brokers = recorded<ExtractBrokersOut>('extract-brokers')?.valueList;

  const header: string[] = [`-- Rendered by openflow-kafka-quickstart (profile "${opts.profile}", topic "${topic}").`];
  if (opts.name === 'setup') {
    header.push(
      brokers
        ? `-- Network rule VALUE_LIST: the ${brokers.length} endpoints the walk read from the cluster metadata.`
        : `-- No broker list is recorded for profile "${opts.profile}": replace the VALUE_LIST placeholders with every broker as host:port\n-- (rpk cluster info), or run the walk up to extract-brokers and print this again.`,
    );
  }
  const script = renderTemplate(opts.name, { ...namesFor(topic, opts.snowflake), BROKERS: brokers ?? PLACEHOLDER_BROKERS });
  write(`${header.join('\n')}\n${script.endsWith('\n') ? script : `${script}\n`}`);
  return EXIT.done;
}
