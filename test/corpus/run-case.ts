// Runs one corpus case: a folder of its own (cwd/, home/ as HOME, snowflake/ as SNOWFLAKE_HOME),
// the built CLI spawned with only the case's environment, then every check the issue asks for:
// exit code, one error line naming the value and its source, no stack trace, no "unexpected",
// nothing written that should not be, and no secret in any output or written file.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../support/cli.js';
import { CANARY, type Case } from './cases.js';

export interface CaseResult {
  name: string;
  problems: string[];
  output: string;
  ms: number;
}

const NOBODY = 65534;
/** snowflake-sdk makes its OCSP cache folder (~/.cache/snowflake) whenever it connects: the driver's, holding no secret. */
const DRIVER_WRITES = [/^home\/\.cache$/, /^home\/\.cache\/snowflake$/];
const asRoot = process.getuid?.() === 0;

export function tempRoot(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'oqs-corpus-'));
}

export async function runCase(c: Case, root: string, emulator?: { port: number; account: string }): Promise<CaseResult> {
  const dir = mkdtempSync(path.join(root, 'case-'));
  for (const sub of ['cwd', 'home', 'snowflake']) mkdirSync(path.join(dir, sub));
  for (const [rel, spec] of Object.entries(c.files ?? {})) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) writeFileSync(file, spec);
    else if ('fifo' in spec) execFileSync('mkfifo', [file]);
    else if ('dir' in spec) mkdirSync(file);
    else {
      writeFileSync(file, spec.text);
      chmodSync(file, spec.mode);
    }
  }
  // Relative file names in connections.toml (TOKEN, KEY) point into snowflake/.
  for (const f of ['snowflake/connections.toml']) {
    const file = path.join(dir, f);
    if (c.files?.[f] && typeof c.files[f] === 'string') {
      writeFileSync(file, (c.files[f] as string).replace('"TOKEN"', JSON.stringify(path.join(dir, 'snowflake/token'))).replace('"KEY"', JSON.stringify(path.join(dir, 'snowflake/key.p8'))));
    }
  }
  if (c.unprivileged) {
    if (asRoot) chownTree(dir, NOBODY);
    for (const ro of ['cwd/ro']) if (c.files?.[ro]) chmodSync(path.join(dir, ro), 0o555);
  }

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: path.join(dir, 'home'),
    SNOWFLAKE_HOME: path.join(dir, 'snowflake'),
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    TMPDIR: path.join(dir, 'cwd'),
    // Node 22+ caches compiled modules here: hundreds of starts of the same CLI get cheaper.
    NODE_COMPILE_CACHE: path.join(root, 'compile-cache'),
    ...(c.emulator && emulator ? { SNOWFLAKE_ACCOUNT: emulator.account, SNOWFLAKE_HOST: '127.0.0.1', SNOWFLAKE_PORT: String(emulator.port), SNOWFLAKE_PROTOCOL: 'http' } : {}),
    ...c.env,
  };

  const before = snapshot(dir);
  const started = Date.now();
  const { code, output, argvSeen } = await spawnCli(c, dir, env);
  const ms = Date.now() - started;
  const after = snapshot(dir);

  const problems: string[] = [];
  if (code !== c.code) problems.push(`exit ${code}, expected ${c.code}`);
  const lines = output.split('\n');
  const errorLines = lines.filter((l) => /^error: /.test(l));
  if (errorLines.length !== 1) problems.push(`${errorLines.length} "error:" lines, expected exactly one`);
  if (!errorLines.some((l) => c.says.test(l))) problems.push(`no error line matches ${c.says}`);
  if (/unexpected/i.test(output)) problems.push('says "unexpected"');
  if (/error: error:/.test(output)) problems.push('prints "error: error:"');
  if (/^\s+at .+[(\s]\S+:\d+:\d+\)?$|node:internal|\.(ts|js):\d+:\d+/m.test(output)) problems.push('prints a stack trace');

  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p));
  for (const p of changed) {
    if (![...(c.writes ?? []), ...DRIVER_WRITES].some((re) => re.test(p))) problems.push(`${after.has(p) ? (before.has(p) ? 'changed' : 'created') : 'removed'} ${p}`);
  }
  const secrets = Object.values(CANARY);
  for (const s of secrets) {
    if (output.includes(s)) problems.push(`a secret (${s.slice(0, 9)}…) is in the output`);
    if (argvSeen.includes(s)) problems.push(`a secret (${s.slice(0, 9)}…) is in a process's argv`);
  }
  for (const p of changed.filter((p) => after.get(p)?.startsWith('f'))) {
    const text = readFileSync(path.join(dir, p), 'latin1');
    for (const s of secrets) if (text.includes(s)) problems.push(`a secret (${s.slice(0, 9)}…) is in ${p}`);
  }

  if (c.unprivileged) chmodTree(dir);
  rmSync(dir, { recursive: true, force: true });
  return { name: c.name, problems, output, ms };
}

function spawnCli(c: Case, dir: string, env: Record<string, string>): Promise<{ code: number; output: string; argvSeen: string }> {
  const node = [process.execPath, CLI, ...c.args];
  const [cmd, ...args] = c.unprivileged && asRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node;
  return new Promise((resolve) => {
    const child = spawn(cmd!, args, { cwd: path.join(dir, 'cwd'), env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let argvSeen = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    // What `ps` shows of the command line while it runs.
    const peek = () => {
      try {
        argvSeen += readFileSync(`/proc/${child.pid}/cmdline`, 'latin1');
      } catch {
        // gone already
      }
    };
    const peeker = setInterval(peek, 50);
    setImmediate(peek);
    const timer = setTimeout(() => {
      output += '\n[corpus: killed after 60 s]';
      child.kill('SIGKILL');
    }, 60_000);
    child.stdin.on('error', () => {});
    child.stdin.end(c.stdin ?? '');
    child.on('close', (code, signal) => {
      clearInterval(peeker);
      clearTimeout(timer);
      resolve({ code: code ?? 128 + (os.constants.signals[signal as NodeJS.Signals] ?? 0), output, argvSeen });
    });
  });
}

/** path → type, size, mtime and mode of everything under dir (FIFOs and folders included). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st) return;
    const type = st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isFIFO() ? 'p' : 'o';
    if (rel) out.set(rel, `${type}:${type === 'd' ? '' : st.size}:${type === 'd' ? '' : st.mtimeMs}:${st.mode}`);
    if (type === 'd') {
      let names: string[] = [];
      try {
        names = readdirSync(abs);
      } catch {
        return;
      }
      for (const name of names) walk(path.join(rel, name));
    }
  };
  walk('');
  return out;
}

function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (lstatSync(p).isDirectory()) chownTree(p, uid);
    else chownSync(p, uid, uid);
  }
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (lstatSync(p).isDirectory()) chmodTree(p);
  }
}
