// V8 heap sizing from RETOUR_MAX_MEMORY_MB (issue #12 item 5), applied by bin/retour.mjs to
// `serve` and `worker`. Measured (README "Benchmarks"): without limits V8 lets garbage pile up
// during an import load (heap 167 MB of which ~55 MB live at the peak) because it sizes the old
// space lazily against its default limit (~4 GB) and keeps a 3 × 16 MB young generation; a limit
// makes it collect earlier, at the same throughput. The budget is the RSS of one process:
// - old space = budget − 128 MB (what a built server holds outside the JS old space: code, the
//   native modules, SQLite's page cache, buffers; measured 125–135 MB), at least 64 MB;
// - semi-space = budget / 64 MB (4 MB at 256 MB), between 1 and 16 MB (V8's own default).
// Flags already given (NODE_OPTIONS, node's command line) win over these.

/** Smallest budget accepted: below it the old space could not hold an import batch. */
export const MIN_MEMORY_MB = 192;

/** The V8 flags for a budget, or an error message for a value that is not a whole number ≥ MIN_MEMORY_MB. */
export function heapFlagsFor(value) {
  if (!/^\d+$/.test(String(value).trim()) || Number(value) < MIN_MEMORY_MB)
    return { error: `RETOUR_MAX_MEMORY_MB must be a whole number of megabytes, at least ${MIN_MEMORY_MB} (got "${value}").` };
  const budget = Number(value);
  const oldSpace = Math.max(64, budget - 128);
  const semiSpace = Math.min(16, Math.max(1, Math.floor(budget / 64)));
  return { flags: [`--max-old-space-size=${oldSpace}`, `--max-semi-space-size=${semiSpace}`] };
}

/** The flags of `wanted` whose option is not already set in `given` (execArgv and NODE_OPTIONS words). */
export function missingFlags(wanted, given) {
  const option = (flag) => flag.split('=')[0].replaceAll('_', '-');
  const set = new Set(given.filter((g) => g.startsWith('--')).map(option));
  return wanted.filter((flag) => !set.has(option(flag)));
}
