import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const root = new URL('..', import.meta.url).pathname;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Requests answered. */
  requests?: number;
  /**
   * The CPU time the service spent per request, in µs, the work the requests left behind
   * (notification fan-out) included: what a request costs, which a busy neighbour on the
   * machine changes far less than it changes throughput.
   */
  cpuUs?: number;
}

/** One autocannon run: `connections` keep-alive connections for `seconds`. */
export async function load(options: autocannon.Options): Promise<Load> {
  const result = await autocannon({ connections: 64, duration: 10, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** Starts a process that prints `LISTENING <url>` (or `listening on <url>`) when ready; resolves with the URL. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /(?:LISTENING|listening on) (http\S+)/.exec(buffer);
      if (match) resolve({ url: match[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)));
  });
}

let built = false;

/**
 * The service as it ships (the built bundle, not the sources through a loader), started with
 * `env`; from another checkout (`buildBaseline`) to measure a "before" in the same run.
 */
export function startService(env: NodeJS.ProcessEnv, from = root): Promise<{ url: string; child: ChildProcess }> {
  if (!built && from === root) execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  built ||= from === root;
  // BENCH_PROFILE=<dir>: each service writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  return startProcess(process.execPath, [...profile, join(from, 'bin/customer-portal.js'), 'serve', '--port', '0'], { PUBLIC_URL: BENCH_ORIGIN, ...env });
}

/**
 * Builds the server of git revision `rev` (a commit, `main`, …) into bench/.data/baseline/,
 * so a benchmark can measure it beside this checkout on the same machine in the same run:
 * `BENCH_BASELINE_REV=main npm run bench -- mixed`. Answers the checkout's folder.
 */
export function buildBaseline(rev: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(root, 'bench/.data/baseline', commit);
  if (!existsSync(join(dir, 'dist/server/main.js'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // What the server is built from, as far as that revision has it (`contract/` came later).
    const present = execFileSync('git', ['ls-tree', '--name-only', commit], { cwd: root, encoding: 'utf8' }).split('\n');
    const parts = ['server', 'contract', 'bin', 'scripts', 'examples', 'package.json'].filter((part) => present.includes(part));
    const archive = execFileSync('git', ['archive', commit, ...parts], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    // Without rollup.config.mjs the build makes the server bundle only.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  }
  return dir;
}

/** The public URL every benchmark's service runs under (the `iss` of its tokens). */
export const BENCH_ORIGIN = 'http://bench.test';

/** Stops a child process and waits until it has exited. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Waits until process `pid` has been nearly idle (under 5 % of a core) for half a second, or
 * `maxMs` has passed; returns how long it waited. A write-heavy scenario leaves the service's
 * workers (notification fan-out, webhooks) with a backlog that would otherwise be measured as
 * part of the next scenario.
 */
export async function waitUntilIdle(pid: number, maxMs = 60_000): Promise<number> {
  const started = Date.now();
  if (!existsSync(`/proc/${pid}/stat`)) return 0;
  for (;;) {
    const before = cpuTicks(pid);
    await new Promise((r) => setTimeout(r, 500));
    // Clock ticks are 1/100 s: under 2.5 ticks in 500 ms is under 5 % of a core.
    if (cpuTicks(pid) - before < 2.5 || Date.now() - started > maxMs) return Date.now() - started;
  }
}

/** The CPU time (user and system) process `pid` has used so far, in clock ticks of 10 ms. */
export function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The CPU process `pid` spent since it had used `before` ticks, in µs for each of `requests`. */
export const cpuUsPerRequest = (pid: number, before: number, requests: number): number => ((cpuTicks(pid) - before) * 10_000) / requests;

/** Medians of several rounds of one scenario (errors summed). */
export function summarize(runs: Load[]): Load {
  const cpu = runs.flatMap((x) => (x.cpuUs === undefined ? [] : [x.cpuUs]));
  return {
    rps: median(runs.map((x) => x.rps)),
    p50: median(runs.map((x) => x.p50)),
    p99: median(runs.map((x) => x.p99)),
    errors: runs.reduce((n, x) => n + x.errors, 0),
    ...(cpu.length > 0 ? { cpuUs: median(cpu) } : {}),
  };
}

/**
 * Runs every scenario once briefly (warm-up), then `rounds` times for `seconds` each, the
 * scenarios interleaved so that a noisy neighbour hits them alike; waits until `pid` is idle
 * after each run. Answers the medians by scenario name.
 */
export async function measureRounds(
  scenarios: Record<string, (seconds: number) => Promise<Load>>,
  options: { rounds: number; seconds: number; pids: number[]; warmupSeconds?: number; cpuOf?: (scenario: string) => number },
): Promise<Record<string, Load>> {
  const settle = async () => {
    let waited = 0;
    for (const pid of options.pids) waited += await waitUntilIdle(pid);
    return waited;
  };
  for (const run of Object.values(scenarios)) {
    await run(options.warmupSeconds ?? 2);
    await settle();
  }
  const runs: Record<string, Load[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const [name, run] of Object.entries(scenarios)) {
      // With `cpuOf`, the CPU its process spent from the start of the run until it was idle again.
      const pid = options.cpuOf?.(name);
      const before = pid === undefined ? 0 : cpuTicks(pid);
      const result = await run(options.seconds);
      const waited = await settle();
      if (pid !== undefined && result.requests) result.cpuUs = cpuUsPerRequest(pid, before, result.requests);
      runs[name]!.push(result);
      const cpu = result.cpuUs === undefined ? '' : `, ${Math.round(result.cpuUs)} µs CPU a request`;
      console.log(`round ${round + 1}: ${name}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors${cpu} (then ${(waited / 1000).toFixed(1)} s until idle)`);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, summarize(r)]));
}

/** Prints a table of rows (first row = header). */
export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r: (string | number)[]) => `| ${r.map((c, i) => String(c).padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Writes `body` as the section `title` of bench/RESULTS.md, replacing that section's
 * previous figures and keeping the others.
 */
export function recordResults(title: string, body: string): void {
  const file = join(root, 'bench/RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`; each section by its own benchmark.\n';
  const heading = `## ${title}`;
  const start = current.indexOf(heading);
  const section = `${heading}\n\n${body.trim()}\n`;
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const end = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + section + (end === -1 ? '' : current.slice(end));
  }
  writeFileSync(file, next.trimEnd() + '\n');
}

/**
 * Writes a section of bench/RESULTS.md whose table has one row a measured case (the first
 * cell names it) and a last column saying when it was measured. A case this run did not
 * measure (no PostgreSQL, a scenario chosen alone) keeps its last measured row, with its date:
 * a run never silently drops figures.
 * @example recordTable('Mixed load', { intro, header: ['case', 'req/s'], rows: [['SQLite', 2650]], notes });
 */
export function recordTable(title: string, section: { intro: string; header: string[]; rows: (string | number)[][]; notes?: string }): void {
  const file = join(root, 'bench/RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = current.indexOf(`## ${title}\n`);
  const end = start === -1 ? -1 : current.indexOf('\n## ', start + 3);
  const previous = start === -1 ? '' : current.slice(start, end === -1 ? undefined : end);
  const today = new Date().toISOString().slice(0, 10);
  const header = [...section.header, 'measured'];
  const rows = section.rows.map((r) => [...r, today]);
  const measured = new Set(rows.map((r) => String(r[0])));
  const kept = previous
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('|--'))
    .slice(1)
    .map((line) => line.slice(2, -2).split(' | ').map((cell) => cell.trim()))
    .filter((cells) => cells.length === header.length && !measured.has(cells[0]!));
  const notes = kept.length ? `\n\nRows dated before ${today} were not measured by this run (${kept.map((k) => k[0]).join('; ')}): they keep their last figures.` : '';
  recordResults(title, `${section.intro}\n\n${table([header, ...rows, ...kept])}${notes}${section.notes ? `\n\n${section.notes}` : ''}`);
}

export const machine = () => `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
