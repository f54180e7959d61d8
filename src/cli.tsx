#!/usr/bin/env node
// Entry: arguments → command. Each command module is imported only when chosen, and heavy
// clients (kafkajs, snowflake-sdk) only when a command needs them, so start-up stays quick.
import { Command, CommanderError, Help, Option } from 'commander';
import { STEP_IDS } from './engine/step.js';
import { EXIT, UsageError } from './commands/exit.js';
import { describeFailure } from './commands/failure.js';
import { addGlobalOptions, readGlobalOptions } from './commands/global-options.js';
import { commandFirst, firstWord, nearestCommand } from './commands/suggest.js';
import { packageVersion } from './commands/version.js';
import { exitWhenWritten, installLifecycle } from './commands/lifecycle.js';
import { diskFull } from './engine/disk-full.js';

installLifecycle();

const program = new Command('openflow-kafka-quickstart')
  .description("Walks Snowflake's 'Getting Started with Openflow Kafka Connector' end to end, checking every result and resuming where it stopped.")
  .version(packageVersion(), '-V, --version', 'print the version')
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  // Help shows commands as they are: their options are declared first (see withOptions).
  .configureHelp({
    visibleOptions(this: Help, cmd: Command) {
      declareOptions(cmd);
      return Help.prototype.visibleOptions.call(this, cmd);
    },
    visibleCommands(this: Help, cmd: Command) {
      for (const sub of cmd.commands) declareOptions(sub);
      return Help.prototype.visibleCommands.call(this, cmd);
    },
  });

// Declaring options costs commander ~1 ms per command for the ~15 global ones, 10-20 ms of every
// start for all commands: a command's options (the global ones, then its own) are declared only
// when it runs (commander's preSubcommand hook) or when help lists it.
const undeclared = new Map<Command, (cmd: Command) => void>();
function withOptions(cmd: Command, own: (cmd: Command) => unknown = () => undefined): Command {
  undeclared.set(cmd, (c) => own(addGlobalOptions(c)));
  return cmd;
}
function declareOptions(cmd: Command): void {
  const declare = undeclared.get(cmd);
  undeclared.delete(cmd);
  declare?.(cmd);
}
program.hook('preSubcommand', (_parent, sub) => declareOptions(sub));

const stepOption = (flag: string, what: string) => new Option(`${flag} <step>`, what).choices(STEP_IDS);

const run = withOptions(program.command('run', { isDefault: true }).description('walk the quickstart (the default command)'), (cmd) =>
  cmd
    .addOption(stepOption('--from', 'start at this step (earlier ones are not run)'))
    .addOption(stepOption('--only', 'run just this step'))
    .option('--cleanup', 'headless: allow the cleanup step to drop what the walk created', false)
    .addOption(new Option('--pace <pace>', 'on a terminal: stop after each step with something to read (step), pause for a time sized to it (auto), or go straight through (none)').choices(['step', 'auto', 'none']).default('step'))
    .option('--connector-timeout <seconds>', 'how long the hand-off waits for the Openflow connector to consume (default 1800; sandbox 120)')
    .option('--openflow-timeout <seconds>', 'how long to wait for the Openflow deployment or runtime to become ACTIVE (default 1200/900; sandbox 60)'),
)
  .action(async (raw) => {
    const [{ runCommand }, { readWaitOptions }] = await Promise.all([import('./commands/run.js'), import('./commands/wait-options.js')]);
    return finish(await runCommand({ ...readGlobalOptions(raw), from: raw.from, only: raw.only, cleanup: raw.cleanup === true, pace: raw.pace, waits: readWaitOptions(raw) }));
  });

withOptions(program.command('status').description("every step: recorded state and what a live check says now"), (cmd) => cmd.option('--json', 'machine-readable output', false))
  .action(async (raw) => {
    const { statusCommand } = await import('./commands/status.js');
    return finish(await statusCommand({ ...readGlobalOptions(raw), json: raw.json === true }));
  });

withOptions(program.command('reset').description('forget recorded state (asks first; touches no external system)'))
  .argument('[step]', `one step (${STEP_IDS.join(', ')}); all when omitted`)
  .action(async (step: string | undefined, raw) => {
    if (step !== undefined && !(STEP_IDS as readonly string[]).includes(step)) throw new UsageError(`unknown step "${step}"`, `Steps: ${STEP_IDS.join(', ')}`);
    const { resetCommand } = await import('./commands/reset.js');
    return finish(await resetCommand({ ...readGlobalOptions(raw), step: step as (typeof STEP_IDS)[number] | undefined }));
  });

withOptions(program.command('show').description('open what a step did again: its explanation, manual equivalent, what it did and its panels'))
  .argument('[step]', 'a step number or id (the list when omitted)')
  .action(async (step: string | undefined, raw) => {
    const { showCommand } = await import('./commands/show.js');
    return finish(await showCommand({ ...readGlobalOptions(raw), step }));
  });

withOptions(program.command('logs').description("the tutorial's log generator: to Kafka, or JSONL to a file"), (cmd) =>
  cmd
    .requiredOption('--count <n>', 'how many events')
    .option('--evolved', 'the evolved schema (37 fields) instead of the base one (11)', false)
    .option('--output <file>', 'write JSONL to this file instead of producing to Kafka')
    .option('--continuous', 'repeat until Ctrl-C (5 s between batches)', false)
    .option('--rate <r>', 'at most r records per second'),
)
  .action(async (raw) => {
    const { logsCommand } = await import('./commands/logs.js');
    return finish(await logsCommand({ ...readGlobalOptions(raw), count: raw.count, evolved: raw.evolved === true, output: raw.output, continuous: raw.continuous === true, rate: raw.rate }));
  });

withOptions(program.command('test-connection').description('brokers reachable, auth, topic and write permission, without writing to the topic')).action(
  async (raw) => {
    const { testConnectionCommand } = await import('./commands/test-connection.js');
    return finish(await testConnectionCommand(readGlobalOptions(raw)));
  },
);

withOptions(program.command('sql').description("print one of the tutorial's scripts, rendered for this setup, to paste into Snowsight"))
  .argument('<name>', 'setup, verify, analytics or cleanup (also explore-base, explore-evolved)')
  .action(async (name: string, raw) => {
    const opts = readGlobalOptions(raw);
    const [{ sqlCommand }, { stateDirOf }] = await Promise.all([import('./commands/sql.js'), import('./commands/prepare.js')]);
    return finish(await sqlCommand({ name, stateDir: await stateDirOf(opts), profile: opts.profile, topic: opts.kafka.topic, attendee: opts.attendee }));
  });

withOptions(program.command('query').description('run SQL on the configured Snowflake connection (the sandbox included) and print the rows'), (cmd) =>
  cmd
    .option('--json', 'the rows as a JSON array of objects keyed by column name', false)
    .option('--chart', 'draw the result (a label column and a number column) as bars', false),
)
  .argument('<sql>', 'the SQL, or - to read it from stdin')
  .action(async (sql: string, raw) => {
    if (raw.json === true && raw.chart === true) throw new UsageError('--json and --chart cannot be used together', 'Pick one: --json for the rows, --chart for bars.');
    const { queryWithConnection } = await import('./commands/query.js');
    const width = process.stdout.isTTY ? process.stdout.columns || 80 : 80;
    const screenWidth = process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
    return finish(await queryWithConnection({ ...readGlobalOptions(raw), sql, json: raw.json === true, chart: raw.chart === true, width, screenWidth }));
  });

const room = program.command('room').description("for a workshop's facilitator: attendee cards, a live board of the room, one cleanup for all");
room.hook('preSubcommand', (_parent, sub) => declareOptions(sub));
const roomCommand = (name: string, description: string, own: (cmd: Command) => unknown = () => undefined) =>
  withOptions(room.command(name).description(description), (cmd) => own(cmd.option('--room <dir>', "the room's folder (room.json and one folder per attendee)", 'room')));

roomCommand('init', 'write one card and .env per attendee (their names and commands)', (cmd) =>
  cmd
    .option('--attendees <n>', 'this many attendees, named a01, a02, …')
    .option('--names <file>', "one person's name per line instead")
    .option('--with-secrets', "write the Kafka SASL password into each .env (mode 0600)", false)
    .option('--force', 'replace a room that lists other attendees, and .env files that differ from what room init writes', false),
)
  .action(async (raw) => {
    const { roomInit } = await import('./commands/room.js');
    return finish(await roomInit({ ...readGlobalOptions(raw), room: raw.room, attendees: raw.attendees, names: raw.names, withSecrets: raw.withSecrets === true, force: raw.force === true }));
  });

roomCommand('status', "per attendee, from Kafka and Snowflake: topic, records, the connector's group (members, lag), table columns and rows", (cmd) =>
  cmd
    .option('--json', 'machine-readable output, once', false)
    .option('--once', 'print the board once instead of refreshing it', false)
    .option('--interval <s>', 'seconds between refreshes of the live board (default 2)'),
)
  .action(async (raw) => {
    const { roomStatus } = await import('./commands/room.js');
    return finish(await roomStatus({ ...readGlobalOptions(raw), room: raw.room, json: raw.json === true, once: raw.once === true, interval: raw.interval, timeout: raw.timeout }));
  });

roomCommand('cleanup', "list every attendee's objects, ask once, drop them all, report what could not be dropped")
  .action(async (raw) => {
    const { roomCleanup } = await import('./commands/room.js');
    return finish(await roomCleanup({ ...readGlobalOptions(raw), room: raw.room, timeout: raw.timeout }));
  });

roomCommand('demo', 'a rehearsal: N attendees walk at once, headless, in one sandbox, while the board shows them', (cmd) =>
  cmd
    .option('--attendees <n>', 'this many attendees (a01, a02, …); else the room already in --room')
    .option('--json', "print the room's status as JSON at the end instead of the board", false)
    .option('--interval <s>', 'seconds between refreshes of the board (default 2)'),
)
  .action(async (raw) => {
    const { roomDemo } = await import('./commands/room.js');
    return finish(await roomDemo({ ...readGlobalOptions(raw), room: raw.room, attendees: raw.attendees, json: raw.json === true, interval: raw.interval, timeout: raw.timeout }));
  });

// `sandbox up|status|logs|down`: the profile's sandbox as a long-lived local service.
const sandbox = program.command('sandbox').description('the local sandbox as a long-lived service: up, status, logs, down');
const sandboxOptions = (cmd: Command) =>
  cmd.option('--profile <name>', 'the profile whose sandbox this is', 'default').option('--state-dir <dir>', 'where state files live', '.openflow-quickstart');
const sandboxOf = (raw: Record<string, unknown>) => {
  const { profile, stateDir } = readGlobalOptions({ profile: raw.profile, stateDir: raw.stateDir });
  return { profile, stateDir };
};
sandboxOptions(sandbox.command('up').description('start the brokers, the Snowflake emulator and the connector; in the foreground, or --detach'))
  .option('-d, --detach', 'run in the background and return once it answers', false)
  .option('--timeout <seconds>', 'how long to wait for it to start (--detach) or stop (default 60)')
  .addOption(new Option('--service-child').hideHelp())
  .action(async (raw) => {
    const { sandboxUp } = await import('./commands/sandbox.js');
    return finish(await sandboxUp({ ...sandboxOf(raw), detach: raw.detach === true, timeout: raw.timeout, serviceChild: raw.serviceChild === true }));
  });
sandboxOptions(sandbox.command('status').description('what runs: pid, ports, connector lag and rows'))
  .option('--json', 'machine-readable output', false)
  .action(async (raw) => {
    const { sandboxStatus } = await import('./commands/sandbox.js');
    return finish(await sandboxStatus({ ...sandboxOf(raw), json: raw.json === true }));
  });
sandboxOptions(sandbox.command('logs').description('the broker, emulator, connector and service logs as one timeline'))
  .argument('[parts...]', 'broker, emulator, connector, service (all when omitted)')
  .option('-f, --follow', 'keep printing new lines until Ctrl-C', false)
  .option('-n, --lines <n>', 'how many of the last lines (default 20)')
  .action(async (parts: string[], raw) => {
    const { sandboxLogs } = await import('./commands/sandbox-logs.js');
    return finish(await sandboxLogs({ ...sandboxOf(raw), parts, lines: raw.lines, follow: raw.follow === true }));
  });
sandboxOptions(sandbox.command('down').description('stop the sandbox and every process it started (its data stays)'))
  .option('--timeout <seconds>', 'how long to wait before it is killed (default 30)')
  .action(async (raw) => {
    const { sandboxDown } = await import('./commands/sandbox.js');
    return finish(await sandboxDown({ ...sandboxOf(raw), timeout: raw.timeout }));
  });

withOptions(program.command('openflow-params').description("the Openflow connector's three parameter contexts for this setup (the secret masked)"), (cmd) => cmd.option('--json', 'the contexts as JSON', false))
  .action(async (raw) => {
    const { openflowParamsCommand } = await import('./commands/openflow-params.js');
    return finish(await openflowParamsCommand({ ...readGlobalOptions(raw), json: raw.json === true }));
  });

let exitCode: number = EXIT.done;
function finish(code: number): void {
  exitCode = code;
}

/** Control characters shown, not obeyed: a message may quote a file's bytes (a corrupt state
 * file's JSON error), and an escape sequence in it would retitle or clear the terminal. */
const visible = (text: string) => text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function fail(code: number, message: string, hint?: string): Promise<never> {
  message = visible(message);
  // A message that already says what it is (several "error: …" lines) is not prefixed again.
  process.stderr.write(/^(error|warning): /.test(message) ? `${message}\n` : `error: ${message}\n`);
  if (hint) process.stderr.write(`  ${visible(hint)}\n`);
  return exitWhenWritten(code);
}

try {
  // The default command takes no words: a first word that is no command is a typo. Options before
  // it are run's: firstWord needs to know which of them take a value.
  if (process.argv[2]?.startsWith('-')) declareOptions(run);
  const word = firstWord(process.argv.slice(2), program);
  const names = program.commands.map((c) => c.name());
  if (word !== undefined && !names.includes(word) && word !== 'help') {
    const near = nearestCommand(word, names);
    throw new UsageError(`unknown command "${word}"${near ? ` (did you mean ${near}?)` : ''}`, `Commands: ${names.join(', ')}. See --help.`);
  }
  // Global options typed before the command are the command's (`--profile x status`).
  await program.parseAsync([...process.argv.slice(0, 2), ...commandFirst(process.argv.slice(2), program)]);
  await exitWhenWritten(exitCode);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander already printed the message (or the help / version text).
    await exitWhenWritten(err.exitCode === 0 ? EXIT.done : EXIT.usage);
  }
  // Ctrl-C at a configuration prompt: nothing was started, nothing is lost.
  if (err instanceof Error && err.name === 'ExitPromptError') await fail(EXIT.interrupted, 'stopped at a prompt; nothing was changed');
  if (process.env.DEBUG) console.error(err);
  const full = diskFull(err);
  if (full) await fail(EXIT.failed, full.message, full.hint);
  const failure = describeFailure(err);
  if (failure) await fail(failure.code, failure.message, failure.hint);
  await fail(EXIT.failed, `unexpected: ${err instanceof Error ? err.message : String(err)}`, 'Set DEBUG=1 for the stack trace, and please report it.');
}
