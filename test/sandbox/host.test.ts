// The sandbox host in this process, without the CLI: its card and folder are the owner's only,
// another process cannot take its lock while it runs (and can once it stopped), a command that
// attached is counted and waited for before a private host stops, and the control endpoint
// turns away a request without the run's token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSandbox } from '../../src/sandbox/index.js';
import { SandboxHost } from '../../src/sandbox/service/host.js';
import { readRecord } from '../../src/sandbox/service/record.js';
import { tempDir } from '../support/cli.js';

const LOCK_MODULE = fileURLToPath(new URL('../../src/sandbox/service/lock.ts', import.meta.url));

/** Whether another process could take the folder's host lock right now. */
function lockFreeForOthers(dir: string): boolean {
  const script = `const { takeHostLock } = await import(${JSON.stringify(LOCK_MODULE)}); const l = await takeHostLock(${JSON.stringify(dir)}); console.log(l ? 'free' : 'held'); l?.release();`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim() === 'free';
}

test('a private host: owner-only card, an exclusive lock, attached commands waited for, the token required', async () => {
  const dir = path.join(tempDir('oqs-host-'), 'sandbox', 'default');
  const host = await SandboxHost.start({ dir, mode: 'private', command: 'test' });
  let stopped = false;
  try {
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(dir, 'service.json')).mode & 0o777, 0o600);
    assert.equal(readRecord(dir)?.pid, process.pid);
    assert.equal(lockFreeForOthers(dir), false);

    const denied = await fetch(`${host.record.control.url}/status`, { headers: { authorization: 'Bearer wrong' } });
    assert.equal(denied.status, 401);

    // Another command of the profile finds it running and uses it.
    const client = await openSandbox({ dir, profile: 'default', stateDir: path.dirname(path.dirname(dir)), topic: 'application-logs', command: 'query' });
    assert.equal(client.host.own, false);
    assert.equal(client.host.pid, process.pid);
    assert.equal((await host.status()).clients, 1);

    // The host's own command ends: it waits for that client, and no newcomer is let in meanwhile.
    const notes: string[] = [];
    let drained = false;
    const draining = host.drain(60_000, (line) => notes.push(line)).then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(drained, false);
    assert.match(notes.join('\n'), /Waiting for 1 other command\(s\) using this sandbox/);
    await client.stop();
    await draining;
    await host.stop();
    stopped = true;
    assert.equal(readRecord(dir), undefined);
    assert.equal(lockFreeForOthers(dir), true);
  } finally {
    if (!stopped) await host.stop();
  }
});
