// A configuration problem: one value, where it came from, and what is wrong with it.
// Messages never carry secret values; they name the source so a person knows what to edit.

export interface ConfigProblem {
  /** The setting concerned: 'brokers', 'topic', 'securityProtocol', …, or a file ('rpk.yaml', '.env'). */
  key: string;
  /** Where the value came from: 'KAFKA_BROKERS (environment)', '.env (/path/.env line 3)', '--brokers (flag)', … */
  source: string;
  message: string;
  /** Errors stop the walk; warnings are shown and the walk goes on. */
  level: 'error' | 'warning';
}

/** The source of a value no source gave (and no prompt could ask for). */
export const NOT_SET = 'not set';

export function configError(key: string, source: string, message: string): ConfigProblem {
  return { key, source, message, level: 'error' };
}

export function configWarning(key: string, source: string, message: string): ConfigProblem {
  return { key, source, message, level: 'warning' };
}

/** One line per problem, errors first: `error: KAFKA_BROKERS (environment): port 0 is out of range …`. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const ordered = [
    ...problems.filter((p) => p.level === 'error'),
    ...problems.filter((p) => p.level === 'warning'),
  ];
  return ordered
    .map((p) => (p.source === NOT_SET ? `${p.level}: ${p.message}` : `${p.level}: ${p.source}: ${p.message}`))
    .join('\n');
}
