// Issue #13's fixes at the unit level (the corpus in test/corpus covers them through the CLI):
// the state folder checked and made without Node's recursive mkdir, configuration files read only
// when regular, names in SQL comments escaped, failures described without "unexpected".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkStateDir, makeDirs } from '../../src/engine/state-dir.js';
import { MAX_TEXT_FILE_BYTES, readTextFile, readTextFileSync } from '../../src/config/text-file.js';
import { commentValue, splitStatements } from '../../src/sql.js';
import { describeFailure } from '../../src/commands/failure.js';
import { SnowflakeQueryError } from '../../src/snowflake/errors.js';
import { checkTopic } from '../../src/config/topic.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'oqs-safety-'));

test('checkStateDir: a file, a file on the path, an unwritable folder are named; a creatable path is fine', () => {
  const dir = tmp();
  try {
    writeFileSync(path.join(dir, 'f'), 'x');
    assert.match(checkStateDir(path.join(dir, 'f'))!, /f is a file, not a folder/);
    assert.match(checkStateDir(path.join(dir, 'f', 'sub', 'deeper'))!, /f is a file, so .* cannot be a folder/);
    assert.equal(checkStateDir(path.join(dir, 'new', 'state')), null);
    if (process.getuid?.() !== 0) return;
    // root may write anywhere but /proc/<pid>: the path that used to spin forever.
    assert.match(checkStateDir('/proc/1/nope')!, /\/proc\/1 cannot be written to/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('makeDirs: creates each level; a path the kernel refuses fails at once instead of spinning', () => {
  const dir = tmp();
  try {
    makeDirs(path.join(dir, 'a', 'b', 'c'));
    assert.ok(statSync(path.join(dir, 'a', 'b', 'c')).isDirectory());
    makeDirs(path.join(dir, 'a', 'b', 'c')); // again: nothing to do
    writeFileSync(path.join(dir, 'file'), 'x');
    assert.throws(() => makeDirs(path.join(dir, 'file', 'x')), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR' || e.code === 'EEXIST');
    assert.throws(() => makeDirs('/proc/oqs-no-such/x'), (e: NodeJS.ErrnoException) => typeof e.code === 'string');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('configuration files: a named pipe or a folder is reported, never read (a pipe blocked forever)', async () => {
  const dir = tmp();
  try {
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    mkdirSync(path.join(dir, 'folder'));
    assert.deepEqual(await readTextFile(path.join(dir, 'pipe')), { kind: 'unreadable', reason: 'it is a named pipe, not a file' });
    assert.deepEqual(readTextFileSync(path.join(dir, 'pipe')), { kind: 'unreadable', reason: 'it is a named pipe, not a file' });
    assert.deepEqual(readTextFileSync(path.join(dir, 'folder')), { kind: 'unreadable', reason: 'it is a directory, not a file' });
    assert.deepEqual(readTextFileSync(path.join(dir, 'none')), { kind: 'missing' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('configuration files: a symbolic link to nothing is named with its target, not taken for no file', async () => {
  const dir = tmp();
  try {
    const link = path.join(dir, '.env');
    symlinkSync(path.join(dir, 'moved-away.env'), link);
    const expected = { kind: 'unreadable', reason: `it is a symbolic link to ${path.join(dir, 'moved-away.env')}, which does not exist` };
    assert.deepEqual(await readTextFile(link), expected);
    assert.deepEqual(readTextFileSync(link), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('configuration files: one past the size limit is refused by its size, never read whole', async () => {
  const dir = tmp();
  try {
    // Sparse: 300 MB of holes cost no disk; read whole they cost 300 MB of memory.
    const huge = path.join(dir, 'huge.env');
    writeFileSync(huge, 'OQS_ATTENDEE=a01\n');
    truncateSync(huge, 300 * 1024 * 1024);
    const refused = { kind: 'unreadable', reason: 'it is too large for a settings file (300 MB; at most 1 MB is read)' };
    assert.deepEqual(await readTextFile(huge), refused);
    assert.deepEqual(readTextFileSync(huge), refused);
    const edge = path.join(dir, 'edge.env');
    writeFileSync(edge, '#'.repeat(MAX_TEXT_FILE_BYTES));
    assert.equal((await readTextFile(edge)).kind, 'text');
    assert.equal(readTextFileSync(edge).kind, 'text');
    writeFileSync(edge, '#'.repeat(MAX_TEXT_FILE_BYTES + 1));
    assert.match((readTextFileSync(edge) as { reason: string }).reason, /too large for a settings file \(1048577 bytes; at most 1 MB is read\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('checkStateDir: a name or a path too long says so, whether its folders exist yet or not', () => {
  const dir = tmp();
  try {
    const name = 'x'.repeat(300);
    for (const at of [path.join(dir, name), path.join(dir, 'not-yet', name, 'sub')]) {
      assert.equal(checkStateDir(at), 'the path is too long: one folder name in it is 300 bytes, and a file system allows at most 255');
    }
    const deep = path.join(dir, ...Array.from({ length: 20 }, () => 'y'.repeat(250)));
    assert.match(checkStateDir(deep)!, /^the path is too long: it is \d{4} bytes, more than this system allows$/);
    assert.equal(checkStateDir(path.join(dir, 'z'.repeat(255))), null);
    // Within PATH_MAX, but the sandbox's files under it would not be.
    const nearly = path.join(dir, ...Array.from({ length: 15 }, () => 'w'.repeat(250)));
    assert.match(checkStateDir(nearly)!, /^the path is too long: it is 3\d{3} bytes, and the files kept in it need it to be at most 3583$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('commentValue: nothing in a name can end a -- comment line', () => {
  for (const hostile of ['x\nDROP DATABASE PWNED; --', 'x\r\nDROP DATABASE PWNED; --', 'x\u2028DROP', 'x\u0085DROP', 'x\rDROP']) {
    const line = `-- topic ${commentValue(hostile)}\nSELECT 1;`;
    assert.deepEqual(splitStatements(line).map((s) => s.text), ['SELECT 1'], JSON.stringify(hostile));
    assert.ok(!/[\n\r\u2028\u2029\u0085]/.test(commentValue(hostile)));
  }
});

test('topic messages stay on one line whatever the name holds', () => {
  for (const t of ['a\nb', 'a\u2028b', 'a\rb']) assert.ok(!/[\n\r\u2028]/.test(checkTopic(t).errors.join(' ')), JSON.stringify(t));
});

test('describeFailure: file-system paths, Snowflake logins and settings are named with exit 2, never left unexpected', () => {
  const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/nonexistent/x'"), { code: 'ENOENT', syscall: 'open', path: '/nonexistent/x' });
  assert.deepEqual(describeFailure(enoent)?.message, 'cannot open /nonexistent/x: no such file or folder');
  assert.equal(describeFailure(enoent)?.code, 2);
  assert.equal(describeFailure(new SnowflakeQueryError('Snowflake login failed for user U: incorrect username or password.', { code: '390100' }))?.code, 2);
  assert.equal(describeFailure(new SnowflakeQueryError('Snowflake connection settings are invalid: Invalid account.', { code: '404045' }))?.code, 2);
  assert.equal(describeFailure(new SnowflakeQueryError('Snowflake error 002003: does not exist', { code: '002003' }))?.code, 1);
  assert.equal(describeFailure(new TypeError('x is undefined')), undefined, 'a bug stays a bug');
});
