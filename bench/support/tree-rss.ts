// Resident memory of a whole process tree (Linux /proc): the process, its children and theirs,
// summed, sampled at an interval; the peak is what a machine must hold at once.
import { readdirSync, readFileSync } from 'node:fs';

/** RSS in bytes of the roots and every descendant right now (processes that vanish midway are skipped). */
export function treeRss(roots: number[]): { bytes: number; processes: number } {
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
  let processes = 0;
  const stack = [...roots];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) {
        bytes += Number(kb) * 1024;
        processes++;
      }
    } catch {
      continue;
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { bytes, processes };
}

/** Samples treeRss(roots) every `everyMs` until stopped; returns the peak and the most processes seen. */
export function sampleTreeRss(roots: number[], everyMs = 100): { stop(): { peakBytes: number; maxProcesses: number } } {
  let peakBytes = 0;
  let maxProcesses = 0;
  const sample = () => {
    const now = treeRss(roots);
    peakBytes = Math.max(peakBytes, now.bytes);
    maxProcesses = Math.max(maxProcesses, now.processes);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return { peakBytes, maxProcesses };
    },
  };
}
