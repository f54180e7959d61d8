// The comment right above a statement in a rendered script ("-- Distribution of log levels"),
// used as the statement's title when its result is shown.
import type { Statement } from '../../src/sql.js';

export function titleOf(script: string, statement: Statement): string | null {
  const lines = script.split('\n');
  for (let i = statement.line - 2; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const comment = /^--\s*(.*)$/.exec(line);
    return comment ? comment[1]!.trim() || null : null;
  }
  return null;
}
