// Runs external Kafka clients (kcat, python) against the broker, with stdin and a bound.
import { spawn, spawnSync } from 'node:child_process';

export function toolMissing(command: string, args: string[]): string | null {
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return probe.status === 0 ? null : `${command} ${args.join(' ')} failed (${probe.error?.message ?? probe.stderr?.trim() ?? 'not found'})`;
}

export function run(command: string, args: string[], input = '', boundMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end(input);
  });
}
