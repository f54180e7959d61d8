// The version in package.json, found from this file whether it runs from src/ (tsx) or dist/src/.
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'openflow-kafka-quickstart' && pkg.version) return pkg.version;
    } catch {
      // not there: try one level up
    }
  }
  return 'unknown';
}
