// Kafka commands print no Node warning between their lines. On Node 24 kafkajs 2.2.4 set a timer
// of minus the current epoch on every connection, and Node printed a TimeoutNegativeWarning in
// the middle of test-connection's and the walk's output (kafkajs#1751); src/kafka drops exactly
// that one. Other negative timeouts still warn. (Node 22 prints no such warning at all.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../support/cli.js';

test('test-connection against the sandbox prints no Node warning', async () => {
  const r = await runCli(['test-connection', '--sandbox'], { cwd: tempDir(), timeoutMs: 120_000 });
  assert.equal(r.exitCode, 0, r.all);
  assert.doesNotMatch(r.all, /Warning|--trace-warnings/);
});

test('only the epoch-sized negative timeout is dropped: a small negative one still warns (Node 24)', () => {
  const module = fileURLToPath(new URL('../../src/kafka/timer-warning.ts', import.meta.url));
  // Node warns once per process for this type, so each delay gets a process of its own.
  const stderrWith = (delay: string) => {
    const script = `const { dropKafkajsTimerWarning } = await import(${JSON.stringify(module)});\ndropKafkajsTimerWarning();\nsetTimeout(() => {}, ${delay});`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stderr;
  };
  assert.equal(stderrWith('-(Date.now() + 1)'), '');
  if (Number(process.versions.node.split('.')[0]) >= 24) assert.match(stderrWith('-5'), /TimeoutNegativeWarning: -5 is a negative number/);
});
