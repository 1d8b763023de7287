// Adds up the test reports (Vitest JSON and Playwright JSON; a missing report counts as one
// failure) plus failed checks, and prints "N passed, N failed" as the last line. A skipped test
// counts as failed: nothing here may be skipped silently.
import { existsSync, readFileSync } from 'node:fs';

const [checksFailed, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(checksFailed) || 0;

function countVitest(r) {
  const notRun = (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + notRun + skipped + (r.numTotalTests === 0 ? 1 : 0),
    note: `${skipped} skipped, ${notRun} files failed to run`,
  };
}

function countPlaywright(r) {
  const s = r.stats;
  const errors = (r.errors ?? []).length;
  const total = s.expected + s.unexpected + s.flaky + s.skipped;
  return {
    passed: s.expected + s.flaky,
    failed: s.unexpected + s.skipped + errors + (total === 0 ? 1 : 0),
    note: `${s.flaky} flaky, ${s.skipped} skipped, ${errors} errors`,
  };
}

for (const file of reports) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the run did not finish)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const c = report.stats && 'expected' in report.stats ? countPlaywright(report) : countVitest(report);
  console.log(`${file}: ${c.passed} passed, ${c.failed} failed (${c.note})`);
  passed += c.passed;
  failed += c.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
