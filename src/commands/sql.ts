// `sql NAME`: prints one of the tutorial's scripts rendered for this setup, ready to paste into a
// Snowsight worksheet. The network rule uses the brokers the walk recorded (extract-brokers);
// without them the VALUE_LIST holds placeholders, and a comment says what to put there.
import { StateStore } from '../engine/state.js';
import { commentValue, renderTemplate, templateNames } from '../sql.js';
import type { ExtractBrokersOut } from '../../steps/03-extract-brokers.js';
import type { CreateTopicOut } from '../../steps/02-create-topic.js';
import { DEFAULT_TOPIC } from '../config/topic.js';
import { attendeeTopic, namesFor, stateNameOf } from '../names.js';
import { checkTopic } from '../config/topic.js';
import { EXIT, UsageError } from './exit.js';
import type { OpenflowDeploymentOut } from '../../steps/05-openflow-deployment.js';
import type { OpenflowRuntimeOut } from '../../steps/06-openflow-runtime.js';
import { openflowCleanupSql } from '../../steps/shared/openflow.js';

export interface SqlCommandOptions {
  /** Template name: setup, verify, analytics, cleanup (or explore-base, explore-evolved). */
  name: string;
  stateDir: string;
  profile: string;
  /** --topic; else the topic the walk recorded; else the tutorial's (the attendee's, with one). */
  topic?: string;
  /** The workshop attendee whose names the script uses (src/names.ts). */
  attendee?: string;
}

export const PLACEHOLDER_BROKERS = ['<bootstrap-host>:<port>', '<broker-1-host>:<port>', '<broker-2-host>:<port>', '<broker-3-host>:<port>'];

export async function sqlCommand(opts: SqlCommandOptions, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const available = templateNames();
  if (!available.includes(opts.name)) throw new UsageError(`no script named "${opts.name}"`, `Scripts: ${available.join(', ')}`);
  // Opened only to read: nothing is saved, so a missing state file stays missing.
  const store = await StateStore.open(opts.stateDir, stateNameOf(opts.profile, opts.attendee), '');
  const recorded = <T>(id: 'extract-brokers' | 'create-topic') => {
    const r = store.record(id);
    return r?.status === 'done' ? (r.outputs as T | undefined) : undefined;
  };
  const topic = opts.topic !== undefined ? attendeeTopic(opts.topic, opts.attendee) : (recorded<CreateTopicOut>('create-topic')?.topic ?? attendeeTopic(DEFAULT_TOPIC, opts.attendee));
  const brokers = recorded<ExtractBrokersOut>('extract-brokers')?.valueList;
  const invalid = checkTopic(topic).errors[0];
  if (invalid) throw new UsageError(`${opts.topic !== undefined ? '--topic (flag)' : `state file ${store.file}`}: ${invalid}`);
  const names = namesFor({ topic, attendee: opts.attendee });

  // Names in comments go through commentValue: a line break there would end the comment (issue #13).
  const header: string[] = [`-- Rendered by openflow-kafka-quickstart (profile ${commentValue(opts.profile)}, topic ${commentValue(topic)}).`];
  if (opts.attendee) {
    header.push(`-- Attendee ${commentValue(opts.attendee)}: role ${names.ROLE}, database ${names.DATABASE}, warehouse ${names.WAREHOUSE}, integration ${names.INTEGRATION}, table ${commentValue(names.TABLE)}.`);
  }
  if (opts.name === 'setup') {
    header.push(
      brokers
        ? `-- Network rule VALUE_LIST: the ${brokers.length} endpoints the walk read from the cluster metadata.`
        : `-- No broker list is recorded for profile ${commentValue(opts.profile)}: replace the VALUE_LIST placeholders with every broker as host:port\n-- (rpk cluster info), or run the walk up to extract-brokers and print this again.`,
    );
  }
  let script = renderTemplate(opts.name, { ...names, BROKERS: brokers ?? PLACEHOLDER_BROKERS });
  if (opts.name === 'cleanup') script = withOpenflowCleanup(script, names, store);
  write(`${header.join('\n')}\n${script.endsWith('\n') ? script : `${script}\n`}`);
  return EXIT.done;
}

/** The tutorial's cleanup with the gen 2 runtime's removal put first, right after its USE ROLE. */
function withOpenflowCleanup(script: string, names: ReturnType<typeof namesFor>, store: StateStore): string {
  const runtime = store.record('openflow-runtime')?.outputs as OpenflowRuntimeOut | undefined;
  const deployment = store.record('openflow-deployment')?.outputs as OpenflowDeploymentOut | undefined;
  const section = openflowCleanupSql(names, deployment?.gen2 ? deployment.deployment : names.DEPLOYMENT, runtime?.gen2 === true);
  const useRole = /^USE ROLE ACCOUNTADMIN;\n/m.exec(script);
  if (!useRole) return `${section}\n${script}`;
  const at = useRole.index + useRole[0].length;
  return `${script.slice(0, at)}\n${section}${script.slice(at)}`;
}
