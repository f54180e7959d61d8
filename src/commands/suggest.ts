// "stauts" → "did you mean status?": the default command (`run`) takes no words, so a first word
// that is no command is a typo, not an argument of `run`.
import type { Command } from 'commander';

/** The first word of argv that is not an option or an option's value (options as the `run` command declares them). */
export function firstWord(args: string[], program: Command): string | undefined {
  const at = firstWordAt(args, program);
  return at === undefined ? undefined : args[at];
}

/** Where firstWord is in args (after a `--`, the word following it). */
function firstWordAt(args: string[], program: Command): number | undefined {
  const run = program.commands.find((c) => c.name() === 'run');
  const takesValue = new Set<string>();
  for (const opt of run?.options ?? []) {
    if (opt.required || opt.optional) for (const flag of [opt.long, opt.short]) if (flag) takesValue.add(flag);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return i + 1 < args.length ? i + 1 : undefined;
    if (a.startsWith('-')) {
      if (!a.includes('=') && takesValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return undefined;
}

/** argv with the command (and a group's subcommand: `room status`, `sandbox up`) moved before the
 * options typed ahead of it: `--profile x status` means `status --profile x`. Commander otherwise
 * hands everything after an unknown option to the default command (`run`), which then refuses
 * `status` as "too many arguments". Unchanged when no command follows the options. */
export function commandFirst(args: string[], program: Command): string[] {
  const at = firstWordAt(args, program);
  if (at === undefined || at === 0 || args.slice(0, at).includes('--')) return args;
  const word = args[at]!;
  const command = program.commands.find((c) => c.name() === word);
  if (!command) return args;
  const path = [word];
  const next = args[at + 1];
  if (command.commands.length > 0 && next !== undefined && command.commands.some((c) => c.name() === next)) path.push(next);
  return [...path, ...args.slice(0, at), ...args.slice(at + path.length)];
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
