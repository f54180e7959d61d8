// "stauts" → "did you mean status?": the default command (`run`) takes no words, so a first word
// that is no command is a typo, not an argument of `run`.
import type { Command } from 'commander';

/** The first word of argv that is not an option or an option's value (options as the `run` command declares them). */
export function firstWord(args: string[], program: Command): string | undefined {
  const run = program.commands.find((c) => c.name() === 'run');
  const takesValue = new Set<string>();
  for (const opt of run?.options ?? []) {
    if (opt.required || opt.optional) for (const flag of [opt.long, opt.short]) if (flag) takesValue.add(flag);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return args[i + 1];
    if (a.startsWith('-')) {
      if (!a.includes('=') && takesValue.has(a)) i++;
      continue;
    }
    return a;
  }
  return undefined;
}

/** The known command nearest to `word` (edit distance at most 2, or a prefix), if any. */
export function nearestCommand(word: string, commands: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of commands) {
    const d = name.startsWith(word) && word.length >= 2 ? 0 : distance(word.toLowerCase(), name);
    if (d <= Math.min(2, Math.max(1, Math.floor(name.length / 3))) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
