// The .env file in the working directory, parsed with dotenv's own parser (process.env untouched).
// dotenv does not report line numbers, so we find each variable's line ourselves for messages.

import { join } from 'node:path';
import { parse } from 'dotenv';
import type { KafkaLayer } from './layer.js';
import { displayPath } from './layer.js';
import type { ConfigProblem } from './problems.js';
import { configError } from './problems.js';
import { readTextFile } from './text-file.js';
import { ALL_KAFKA_VARIABLE_NAMES, layerFromVariables } from './variables.js';

/** Why a .env cannot be used; the attendee's reader (attendee.ts) says it in the same words. */
export function unreadableDotenv(reason: string): string {
  return `cannot be read: ${reason}`;
}

export async function readDotenvLayer(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ layer: KafkaLayer; problems: ConfigProblem[]; path: string; found: boolean }> {
  const path = join(cwd, '.env');
  const shown = displayPath(path, env);
  const file = await readTextFile(path);
  if (file.kind === 'missing') return { layer: {}, problems: [], path, found: false };
  if (file.kind === 'unreadable') {
    return { layer: {}, problems: [configError('.env', `.env (${shown})`, unreadableDotenv(file.reason))], path, found: true };
  }

  const lines = file.text.split(/\r?\n/);
  const problems: ConfigProblem[] = [];
  const lineOf = (name: string): number => {
    const assignment = new RegExp(`^\\s*(?:export\\s+)?${name}\\s*[=:]`);
    for (let i = lines.length - 1; i >= 0; i--) if (assignment.test(lines[i])) return i + 1;
    return 0;
  };
  const sourceOf = (name: string) => `.env (${shown} line ${lineOf(name)})`;

  // A line that names one of our variables but is not an assignment would be dropped silently by
  // dotenv; say so, since the person clearly meant to set it. The line itself is never quoted.
  lines.forEach((line, index) => {
    const named = /^\s*(?:export\s+)?(KAFKA_[A-Z_]+)\b(.*)$/.exec(line);
    if (!named || !ALL_KAFKA_VARIABLE_NAMES.includes(named[1])) return;
    if (/^\s*[=:]/.test(named[2])) return;
    problems.push(
      configError(
        '.env',
        `.env (${shown} line ${index + 1})`,
        `this line names ${named[1]} but is not an assignment (expected ${named[1]}=value), so it is ignored`,
      ),
    );
  });

  const parsed = parse(file.text);
  for (const name of ALL_KAFKA_VARIABLE_NAMES) {
    const value = parsed[name];
    if (value === undefined) continue;
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) {
      problems.push(configError('.env', sourceOf(name), `${name} opens a quote (${quote}) that is never closed`));
      delete parsed[name]; // one problem for it: its half-quoted value is not checked again
    }
  }
  const { layer, problems: aliasProblems } = layerFromVariables(parsed, sourceOf);
  return { layer, problems: [...problems, ...aliasProblems], path, found: true };
}
