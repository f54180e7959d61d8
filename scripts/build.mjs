// The build (`npm run build`; `npm ci` runs it through `prepare`, `npm test` before the tests):
// bundles the CLI into dist/src/ with rolldown, for start-up time. Node spends about 1 ms per
// file it resolves, reads and links however small, and tsc's output made `logs` load ~85.
//
// - src/bin.ts is the entry (dist/src/cli.js): it turns on the compile cache, then loads cli.tsx.
// - Pure-JavaScript packages are bundled (Ink and React too, into the chunks that use them);
//   native addons and the big clients only some commands load (EXTERNAL below) stay imports of
//   node_modules, loaded by the code that needs them.
// - "Light" modules, whose static imports reach no package and only cheap built-ins, share one
//   chunk, core, when the entry reaches them through light modules: a command loads the entry,
//   cli.tsx, core, then only what it needs (Ink, kafkajs, DuckDB, the sandbox…), which rolldown
//   splits as it likes.
// Files read at run time are found from the chunks' folder, dist/src/, as from src/ (package.json,
// sql/), and the sandbox service starts dist/src/cli.js found beside them.
// A chunk imports its packages before any of its own code runs: a module whose top-level code
// must run before a package loads (an environment variable the package reads on load) cannot
// count on being imported first; set it where the process starts (see SANDBOX_ENV) or load the
// package lazily.
import { chmodSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
// A checkout from before the bundle has no rolldown in node_modules yet: say what to run.
const { rolldown } = await import('rolldown').catch((error) => {
  console.error(`build: cannot load rolldown, the bundler (${String(error.message).split('\n')[0]})`);
  console.error('  It is a devDependency: run `npm install` (or `npm ci`), then build again.');
  process.exit(2);
});
const OUT = 'dist/src';
// Packages left as imports of node_modules: native addons, and the big clients that only the
// commands talking to Kafka's admin API, Snowflake or a prompt load. Every other one is bundled.
const EXTERNAL = new Set(['@duckdb/node-api', '@node-rs/crc32', 'snowflake-sdk', 'kafkajs', '@inquirer/prompts', 'yaml', 'react-devtools-core']);
// The bundled packages every command loads, which may share core with our own modules.
const START_PACKAGES = new Set(['commander', 'dotenv', 'smol-toml']);
// Built-ins a core module may import: cheap, or loaded by every command anyway (commander takes
// child_process, `logs` net). Others (http, tls, zlib, crypto, readline, util…) cost 5-50 ms each.
const CHEAP_BUILTINS = new Set(['buffer', 'child_process', 'events', 'fs', 'fs/promises', 'module', 'net', 'os', 'path', 'process', 'string_decoder', 'timers', 'timers/promises', 'url']);
// cli.tsx awaits its command at top level. In core, a command's lazy import of a core module
// (which waits for core to finish evaluating) would wait for it in turn: Node stops with
// "unsettled top-level await". It keeps a chunk of its own.
const PROGRAM = path.resolve('src/cli.tsx');

const packageOf = (id) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]);
const isBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);
/** Bundled modules' ids are absolute paths (or rolldown's own, starting with \0). */
const isExternal = (id) => !path.isAbsolute(id) && !id.startsWith('\0');
/** The package a bundled module belongs to, if any. */
const packageFolder = (id) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)?.[1].replace('\\', '/');

const entries = new Set();
const core = new Set();

/** Fills `core` once every module is parsed. */
const findCore = {
  name: 'find-core',
  buildEnd() {
    const heavy = new Map(); // id → its static imports reach a package or a costly built-in
    const isHeavy = (id, seen = new Set()) => {
      if (heavy.has(id)) return heavy.get(id);
      if (seen.has(id)) return false; // a cycle: its other imports decide
      seen.add(id);
      const pkg = packageFolder(id);
      const result = isExternal(id)
        ? !(isBuiltin(id) && CHEAP_BUILTINS.has(id.replace(/^node:/, '')))
        : (pkg !== undefined && !START_PACKAGES.has(pkg)) || this.getModuleInfo(id).importedIds.some((dep) => isHeavy(dep, seen));
      heavy.set(id, result);
      return result;
    };
    for (const id of this.getModuleIds()) if (this.getModuleInfo(id).isEntry) entries.add(id);
    const queue = [...entries];
    while (queue.length > 0) {
      const id = queue.pop();
      if (core.has(id) || isHeavy(id)) continue;
      core.add(id);
      const info = this.getModuleInfo(id);
      queue.push(...info.importedIds, ...info.dynamicallyImportedIds);
    }
    // The entry imports nothing before the compile cache is on; cli.tsx: see PROGRAM.
    for (const id of [...entries, PROGRAM]) core.delete(id);
  },
};

/**
 * `import fs, { a, b as c } from "node:fs"` in a chunk becomes
 * `const fs = process.getBuiltinModule("node:fs"), { a, b: c } = fs`. An ESM import of a built-in
 * builds a facade that reads every export, and node:fs's lazy ones (ReadStream, promises) load
 * the streams stack: ~8 ms of every command's start-up. Namespace imports (`* as`) are left as
 * they are; the build fails if any other import of a built-in is left.
 */
const BUILTIN_IMPORT = /^import (?:([\w$]+)(?:, | ))?(?:\{([^}]*)\} )?from "(node:[\w/]+)";$/gm;
const builtinsWithoutFacades = {
  name: 'builtins-without-facades',
  renderChunk(code, chunk) {
    const out = code.replace(BUILTIN_IMPORT, (line, name, named, id) => {
      const module = `globalThis.process.getBuiltinModule(${JSON.stringify(id)})`;
      const pattern = named && `{ ${named.split(',').map((s) => s.trim().replace(/ as /, ': ')).join(', ')} }`;
      if (name && pattern) return `const ${name} = ${module}, ${pattern} = ${name};`;
      return `const ${name ?? pattern} = ${module};`;
    });
    const left = /^import [^*\n]* from "node:[^"]+";$/m.exec(out);
    if (left) throw new Error(`${chunk.fileName}: an import of a built-in the build cannot rewrite: ${left[0]}`);
    return out;
  },
};

rmSync(OUT, { recursive: true, force: true });
const started = performance.now();
const bundle = await rolldown({
  input: { cli: 'src/bin.ts' },
  platform: 'node',
  tsconfig: 'tsconfig.json',
  // React and its reconciler in their production builds: the development ones check and warn as
  // they render, which a shipped CLI does not want (and they are twice the code to load).
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  external: (id) => isBuiltin(id) || (!id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0') && EXTERNAL.has(packageOf(id))),
  plugins: [findCore, builtinsWithoutFacades],
  // A module imported lazily by one command and statically by another is fine in a bundle.
  checks: { ineffectiveDynamicImport: false },
  logLevel: 'warn',
});
const { output } = await bundle.write({
  dir: OUT,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  codeSplitting: { groups: [{ name: 'core', test: (id) => core.has(id) }] },
});
await bundle.close();
// The package's bin: npm makes it executable when it links it, which is before `prepare` builds
// it, so the fresh file would stay 0644 and `npx openflow-kafka-quickstart` (the command the walk
// shows to resume) would say "Permission denied".
chmodSync(path.join(OUT, 'cli.js'), 0o755);
const kb = output.reduce((n, o) => n + (o.type === 'chunk' ? o.code.length : 0), 0) / 1024;
console.log(`build: ${output.length} files in ${OUT}/ (${kb.toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// BUILD_VERBOSE=1: each file and its modules.
if (process.env.BUILD_VERBOSE) {
  for (const o of output) {
    console.log(`${o.fileName} ${(o.code.length / 1024).toFixed(1)} KB${o.isDynamicEntry ? ' (lazy)' : ''}`);
    for (const [id, m] of Object.entries(o.modules)) console.log(`  ${(m.renderedLength / 1024).toFixed(1).padStart(5)} KB ${path.relative('.', id)}`);
  }
}
