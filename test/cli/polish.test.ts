// Small things a person notices: a typo names the command meant, --version answers, `status`
// never cuts a word at 80 columns, and a locale that is not UTF-8 gets ASCII.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { commandFirst, firstWord, nearestCommand } from '../../src/commands/suggest.js';
import { formatStatus } from '../../src/commands/status.js';
import { asciiDeep, toAscii } from '../../src/app/ascii.js';
import { CLI, runCli, tempDir } from '../support/cli.js';
import { readFileSync } from 'node:fs';

const COMMANDS = ['run', 'status', 'reset', 'logs', 'test-connection', 'sql', 'query', 'show'];

describe('typo suggestions', () => {
  it('finds the nearest command for a typo, and none for a stranger word', () => {
    assert.equal(nearestCommand('stauts', COMMANDS), 'status');
    assert.equal(nearestCommand('querry', COMMANDS), 'query');
    assert.equal(nearestCommand('rest', COMMANDS), 'reset');
    assert.equal(nearestCommand('banana', COMMANDS), undefined);
  });

  it('skips options and their values to find the first word', () => {
    const program = new Command();
    program.command('run').option('--profile <name>').option('--yes');
    assert.equal(firstWord(['--profile', 'status', '--yes', 'stauts'], program), 'stauts');
    assert.equal(firstWord(['--profile=x', 'stauts'], program), 'stauts');
    assert.equal(firstWord(['--yes'], program), undefined);
  });

  it('the CLI answers a typo with the command meant and exit 2 (not as an argument of run)', async () => {
    const r = await runCli(['stauts'], { cwd: tempDir() });
    assert.equal(r.exitCode, 2, r.all);
    assert.match(r.stderr, /unknown command "stauts" \(did you mean status\?\)/);
    assert.doesNotMatch(r.all ?? '', /too many arguments/);
  });

  it('moves the command (and a group\'s subcommand) before options typed ahead of it', () => {
    const program = new Command();
    program.command('run').option('--profile <name>').option('--sandbox');
    program.command('status');
    program.command('sandbox').command('up');
    assert.deepEqual(commandFirst(['--profile', 'x', 'status', '--json'], program), ['status', '--profile', 'x', '--json']);
    assert.deepEqual(commandFirst(['--profile', 'status', 'status'], program), ['status', '--profile', 'status']);
    assert.deepEqual(commandFirst(['--sandbox', 'sandbox', 'up', '-d'], program), ['sandbox', 'up', '--sandbox', '-d']);
    assert.deepEqual(commandFirst(['status', '--profile', 'x'], program), ['status', '--profile', 'x']);
    assert.deepEqual(commandFirst(['--yes', 'stauts'], program), ['--yes', 'stauts']);
  });

  it('global options before the command are the command\'s, not "too many arguments for run"', async () => {
    const cwd = tempDir();
    const status = await runCli(['--profile', 'x', '--sandbox', 'status', '--json'], { cwd });
    assert.equal(status.exitCode, 0, status.all);
    assert.equal((JSON.parse(status.stdout) as { profile: string }).profile, 'x');
    const rpk = await runCli(['--rpk-profile', 'nope', 'test-connection'], { cwd, env: { HOME: cwd } });
    assert.equal(rpk.exitCode, 2, rpk.all);
    assert.match(rpk.stderr, /--rpk-profile \(flag\): rpk profile "nope"/);
    assert.doesNotMatch(rpk.all ?? '', /too many arguments/);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version'], { cwd: tempDir() });
    assert.equal(r.exitCode, 0, r.all);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(r.stdout.trim(), pkg.version);
    assert.ok(CLI);
  });
});

describe('status on a terminal', () => {
  const rows = [
    { step: 'openflow-connector', recorded: 'done', live: 'pending', detail: 'consumer group openflow_qs_kafka_connector has no committed offsets on application-logs yet; the connector has not consumed' },
    { step: 'cleanup', recorded: 'never run', live: 'pending', detail: '' },
  ];

  it('wraps DETAIL at word boundaries under its own column', () => {
    const text = formatStatus(rows, 80);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) assert.ok(line.length < 80, `too wide (${line.length}): ${line}`);
    const words = rows[0]!.detail.split(' ');
    const detail = lines.slice(1, -1).map((l) => l.slice(46)).join(' ');
    assert.deepEqual(detail.split(' '), words, 'every word whole, in order');
    assert.match(lines.at(-1)!, /^cleanup +never run +pending$/);
  });

  it('at 40 columns each step is a block, no line wider than the terminal, every word whole', () => {
    const text = formatStatus([...rows, { step: 'verify-evolved-columns', recorded: 'interrupted', live: 'done', detail: '37 columns' }], 40);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) assert.ok(line.length < 40, `too wide (${line.length}): ${line}`);
    assert.deepEqual(lines.slice(0, 2), ['openflow-connector', '  recorded: done, live: pending']);
    const detail = lines.slice(2, lines.indexOf('cleanup')).map((l) => l.trim()).join(' ');
    assert.equal(detail, rows[0]!.detail, 'every word whole, in order');
    assert.deepEqual(lines.slice(lines.indexOf('cleanup')), ['cleanup', '  recorded: never run, live: pending', 'verify-evolved-columns', '  recorded: interrupted, live: done', '  37 columns']);
  });

  it('without a terminal (a pipe) keeps one line per step', () => {
    assert.equal(formatStatus(rows).trimEnd().split('\n').length, 3);
  });
});

describe('ASCII fallback', () => {
  it('spells punctuation, arrows and boxes in ASCII', () => {
    assert.equal(toAscii('Next — query it… → “done” ✔ ─│┌'), 'Next - query it... -> "done" + -|+');
    assert.equal(toAscii('café'), 'cafe');
    assert.equal(toAscii('Parameter contexts → ⋮ → Edit'), 'Parameter contexts -> ... -> Edit');
  });

  it('keeps functions (a question\'s reply) while rewriting strings', () => {
    const reply = () => {};
    const out = asciiDeep({ type: 'ask', question: 'Drop it — all?', reply });
    assert.equal(out.question, 'Drop it - all?');
    assert.equal(out.reply, reply);
  });

  it('openflow-params masks the password in ASCII under LANG=C', async () => {
    const r = await runCli(['openflow-params', '--sandbox'], { cwd: tempDir(), env: { LANG: 'C', LC_ALL: '', LC_CTYPE: '' } });
    assert.equal(r.exitCode, 0, r.all);
    assert.match(r.stdout, /Kafka SASL Password +\*\*\*\*/);
    assert.doesNotMatch(r.stdout, /[^\x00-\x7f]/, 'only ASCII');
  });
});
