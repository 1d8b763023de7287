#!/usr/bin/env node
// Entry point of the `retour` CLI. Runs the server's TypeScript in the cheapest way this Node.js
// and this checkout allow:
// 1. `build`: the production build (apps/server/dist/cli/main.mjs, made by `npm run build`), plain
//    JavaScript — when it is there and no source file is newer than it;
// 2. `native`: the TypeScript sources as they are, where Node.js strips types itself (22.18+, 24);
// 3. `tsx`: the sources through the tsx loader (Node.js 20, older 22).
// RETOUR_RUNTIME=build|native|tsx picks one (for measurements; `build` fails if there is none).
// With RETOUR_MAX_MEMORY_MB, `serve` and `worker` first replace this process by one with the V8
// heap limits of that budget (heap-flags.mjs): process.execve keeps the pid, so signals and
// supervisors see no difference; Node.js without it (20, 22 before 22.15) prints the NODE_OPTIONS
// to set instead and runs on.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { heapFlagsFor, missingFlags } from './heap-flags.mjs';

const SERVER = resolve(import.meta.dirname, '..');
const ROOT = resolve(SERVER, '../..');
const BUILD = join(SERVER, 'dist/cli/main.mjs');

/** Newest modification time of the TypeScript the build was made from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(SERVER, 'src'));
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const src = join(ROOT, 'packages', pkg, 'src');
    if (existsSync(src)) walk(src);
  }
  return newest;
}

function runtime() {
  const wanted = process.env.RETOUR_RUNTIME;
  if (wanted === 'build' || wanted === 'native' || wanted === 'tsx') return wanted;
  if (existsSync(BUILD) && statSync(BUILD).mtimeMs >= newestSource()) return 'build';
  return process.features.typescript ? 'native' : 'tsx';
}

function applyMemoryBudget() {
  const budget = process.env.RETOUR_MAX_MEMORY_MB;
  if (!budget || !['serve', 'worker'].includes(process.argv[2] ?? '')) return;
  const { flags, error } = heapFlagsFor(budget);
  if (error) {
    process.stderr.write(`${error}\n`);
    process.exit(1);
  }
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing = missingFlags(flags, given);
  if (missing.length === 0) return;
  if (typeof process.execve === 'function')
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...missing, ...process.argv.slice(1)], process.env);
  process.stderr.write(
    `retour: this Node.js cannot apply RETOUR_MAX_MEMORY_MB itself (it needs 22.15 or newer); start it with NODE_OPTIONS="${missing.join(' ')}"\n`,
  );
}

applyMemoryBudget();
const chosen = runtime();
let entry = join(SERVER, 'src/cli/main.ts');
if (chosen === 'build') entry = BUILD;
else if (chosen === 'tsx') (await import('tsx/esm/api')).register();
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv.slice(2));
