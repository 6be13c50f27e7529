#!/usr/bin/env node
// `npm test`: every suite, one after the other (the machines have two cores), then one
// closing line `N passed, M failed` with the totals of all of them (CI reads it).
// Suites: the type check, the server tests (vitest), the widget tests in Chromium
// (web-test-runner) and the end-to-end tests (vitest + playwright-core).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const bin = (name) => join(root, 'node_modules/.bin', name);

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${child.status} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return child.status ?? 1;
}

function vitestCounts(file, exitCode) {
  if (!existsSync(file)) return { passed: 0, failed: exitCode === 0 ? 0 : 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A suite that failed to load has no tests to count; it still fails.
  const failedSuites = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + failedSuites };
}

const suites = [];

const tsc = run('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
suites.push({ name: 'type check', passed: tsc === 0 ? 1 : 0, failed: tsc === 0 ? 0 : 1 });

const vitest = (project) => {
  const out = join(results, `${project}.json`);
  const code = run(`${project} tests`, bin('vitest'), ['run', '--project', project, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  suites.push({ name: project, ...vitestCounts(out, code) });
};

vitest('server');

if (existsSync(join(root, 'web-test-runner.config.mjs'))) {
  const out = join(results, 'widget.json');
  const code = run('widget tests (Chromium)', bin('web-test-runner'), [], { WTR_RESULTS_FILE: out });
  const counts = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { passed: 0, failed: 1 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  suites.push({ name: 'widget', ...counts });
}

vitest('e2e');

console.log('\n=== totals ===');
for (const s of suites) console.log(`${s.name.padEnd(12)} ${s.passed} passed, ${s.failed} failed`);
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, 'summary.txt'), summary + '\n');
console.log(summary);
process.exitCode = failed === 0 ? 0 : 1;
