// Loaded by memory-budget.test.ts through NODE_OPTIONS=--import: in a process started with a V8
// old-space limit on its command line (what bin/retour.mjs's process.execve adds), prints the
// limits V8 really applies and exits before the server starts; elsewhere does nothing.
import { getHeapStatistics } from 'node:v8';

const limits = process.execArgv.filter((a) => a.startsWith('--max-old-space-size') || a.startsWith('--max-semi-space-size'));
if (limits.length > 0) {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, limits, heapSizeLimitMb: getHeapStatistics().heap_size_limit / 1048576 })}\n`);
  process.exit(0);
}
