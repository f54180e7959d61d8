#!/usr/bin/env node
// The built command's entry (dist/src/cli.js): turns on V8's compile cache, then runs cli.tsx.
// ESM compiles a module's whole static graph before any of it runs, so the cache has to be on
// before the program is imported. The cache lives in Node's default place (the OS temp folder,
// or NODE_COMPILE_CACHE); NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import module from 'node:module';

// The folder NODE_COMPILE_CACHE names, when set, and no other: Node 22 wrote to the temp folder
// instead when the named one was not writable.
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || undefined);
await import('./cli.js');
