// Adds up the test reports (Vitest JSON and Playwright JSON; a missing report counts as one
// failure) plus failed checks, and prints "N passed, N failed" as the last line. A skipped test
// counts as failed: nothing here may be skipped silently. Failing tests are named just above the
// last line, so the tail of a CI log says which ones they were.
import { existsSync, readFileSync } from 'node:fs';

const [checksFailed, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(checksFailed) || 0;
const failures = [];

function vitestFailures(r, label) {
  for (const file of r.testResults ?? []) {
    const name = file.name.replace(`${process.cwd()}/`, '');
    const bad = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (file.status === 'failed' && bad.length === 0) failures.push(`${label}: ${name}: ${(file.message ?? 'did not run').split('\n')[0]}`);
    for (const a of bad) failures.push(`${label}: ${name} > ${a.fullName}: ${(a.failureMessages?.[0] ?? '').split('\n')[0]}`);
  }
}

function playwrightFailures(r, label) {
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected' || test.status === 'skipped') {
          const error = test.results?.at(-1)?.error?.message ?? test.status;
          failures.push(`${label}: ${[...path, spec.title].join(' > ')}: ${error.split('\n')[0]}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of r.suites ?? []) walk(suite, [suite.title]);
  for (const e of r.errors ?? []) failures.push(`${label}: ${(e.message ?? '').split('\n')[0]}`);
}

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
  const isPlaywright = report.stats && 'expected' in report.stats;
  const c = isPlaywright ? countPlaywright(report) : countVitest(report);
  const label = file.split('/').at(-1).replace('.json', '');
  if (isPlaywright) playwrightFailures(report, label);
  else vitestFailures(report, label);
  console.log(`${file}: ${c.passed} passed, ${c.failed} failed (${c.note})`);
  passed += c.passed;
  failed += c.failed;
}
if (failures.length > 0) {
  console.log('Failed:');
  for (const f of failures.slice(0, 30)) console.log(`  ${f.slice(0, 300)}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more (see .test-output/*.json)`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
