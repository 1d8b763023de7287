// Adds up Vitest JSON reports (a missing report counts as one failure) plus failed checks, and
// prints "N passed, N failed" as the last line; exits non-zero when anything failed.
import { existsSync, readFileSync } from 'node:fs';

const [checksFailed, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(checksFailed) || 0;
for (const file of reports) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the run did not finish)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const suiteErrors = (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
  console.log(
    `${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped, ${suiteErrors} files failed to run`,
  );
  passed += r.numPassedTests;
  failed += r.numFailedTests + suiteErrors + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (r.numTotalTests === 0) failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
