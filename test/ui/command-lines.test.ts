// The resume command on a narrow terminal: never cut with '…' (it would run something else), but
// split into lines ending in ' \' that a shell, given them pasted as shown, reads as the very same
// words as the command on one line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { commandLines } from '../../src/app/command-lines.js';

/** The words bash reads from `script` (its first word replaced by printf, so nothing runs). */
function wordsBashReads(script: string): string[] {
  const printed = execFileSync('bash', ['-c', script.replace(/^\s*(\$ )?npx/, "printf '%s\\n'")], { encoding: 'utf8' });
  return printed.trimEnd().split('\n');
}

const COMMANDS = [
  'npx openflow-kafka-quickstart --state-dir /tmp/term-s6/a-rather-long/state-folder-name',
  "npx openflow-kafka-quickstart --state-dir '/tmp/with space/x' --sandbox",
  `npx openflow-kafka-quickstart --state-dir /tmp/${'a'.repeat(60)}/b --sandbox --profile p2`,
];

describe('the command to copy on a narrow terminal', () => {
  for (const width of [24, 40, 80]) {
    it(`${width} columns: every line fits, nothing is cut, and bash reads the same words`, () => {
      for (const command of COMMANDS) {
        const lines = commandLines(command, width);
        for (const line of lines) assert.ok(line.length <= width || line.includes("'"), `wider than ${width}: ${line}`);
        assert.ok(!lines.join('\n').includes('…'));
        assert.deepEqual(wordsBashReads(lines.join('\n')), wordsBashReads(command), lines.join('\n'));
      }
    });
  }
  it('stays on one line where it fits', () => {
    assert.deepEqual(commandLines('npx openflow-kafka-quickstart --state-dir /tmp/x', 80), ['  $ npx openflow-kafka-quickstart --state-dir /tmp/x']);
  });
});
