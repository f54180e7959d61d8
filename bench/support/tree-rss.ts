// Resident memory of a whole process tree (Linux /proc): the process, its children and theirs,
// summed, sampled at an interval; the peak is what a machine must hold at once.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One process of the tree: its id, what it runs (the command line's last words) and its RSS. */
export interface ProcessRss {
  pid: number;
  what: string;
  bytes: number;
}

/** RSS in bytes of the roots and every descendant right now (processes that vanish midway are skipped). */
export function treeRss(roots: number[]): { bytes: number; processes: number; each: ProcessRss[] } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  let bytes = 0;
  const each: ProcessRss[] = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) {
        bytes += Number(kb) * 1024;
        each.push({ pid, what: commandOf(pid), bytes: Number(kb) * 1024 });
      }
    } catch {
      continue;
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { bytes, processes: each.length, each };
}

/** A short name for a process: the CLI's words after its script (`logs --sandbox …`, `sandbox up --service-child`). */
function commandOf(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = argv.findIndex((a) => /\.(c|m)?(j|t)sx?$/.test(a));
    return (script >= 0 ? argv.slice(script + 1, script + 4) : argv.slice(0, 2)).join(' ');
  } catch {
    return '?';
  }
}

/**
 * Samples treeRss(roots) every `everyMs` until stopped; returns the peak, the most processes seen
 * and, at the peak, each process's share and when it was (performance.now()).
 */
export function sampleTreeRss(
  roots: number[],
  everyMs = 100,
  onSample?: (now: { bytes: number; each: ProcessRss[] }) => void,
): { stop(): { peakBytes: number; maxProcesses: number; atPeak: ProcessRss[]; peakAtMs: number } } {
  let peakBytes = 0;
  let maxProcesses = 0;
  let atPeak: ProcessRss[] = [];
  let peakAtMs = 0;
  const sample = () => {
    const now = treeRss(roots);
    if (now.bytes > peakBytes) {
      peakBytes = now.bytes;
      atPeak = now.each;
      peakAtMs = performance.now();
    }
    maxProcesses = Math.max(maxProcesses, now.processes);
    onSample?.(now);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return { peakBytes, maxProcesses, atPeak, peakAtMs };
    },
  };
}
