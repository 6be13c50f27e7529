// A web-test-runner reporter that writes the run's totals to WTR_RESULTS_FILE as
// {"passed", "failed"}, so `npm test` can add them to the other suites' (scripts/test.mjs).
// A test file that failed to load, or failed outside any test, counts as one failure.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) continue;
    if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

/** @returns {import('@web/test-runner-core').Reporter} */
export function countReporter(file = process.env.WTR_RESULTS_FILE) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        if (!session.passed && totals.failed === before) totals.failed++;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
