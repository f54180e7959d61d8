// The version in package.json, two folders up from this file whether it runs from src/commands/
// (tsx) or from a chunk of the bundle in dist/src/.
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'openflow-kafka-quickstart' && pkg.version) return pkg.version;
  } catch {
    // not there (a copy moved out of its package): say so rather than fail
  }
  return 'unknown';
}
