// A killed service whose parent does not reap it (init in some containers) is a zombie: signal 0
// still reaches it, yet it is gone, and the next command must bring the service back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { pidAlive } from '../../src/sandbox/service/record.js';

test('a killed process that nobody has reaped yet (a zombie) is not alive', { skip: !existsSync('/proc/self/stat') && 'no /proc' }, async (t) => {
  // `sleep 60 &` is a child of the shell, which then becomes `sleep 120` and never reaps it.
  const parent = spawn('sh', ['-c', 'sleep 60 & echo $!; exec sleep 120'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => parent.kill('SIGKILL'));
  const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
  const pid = Number(chunk.toString().trim());
  assert.equal(pidAlive(pid), true, 'running');
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && pidAlive(pid); i++) await sleep(20);
  assert.equal(pidAlive(pid), false, 'killed, a zombie until its parent exits');
  assert.equal(pidAlive(parent.pid!), true, 'its parent still runs');
});
