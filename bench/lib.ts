import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
}

/** One autocannon run: `connections` keep-alive connections for `seconds`. */
export async function load(options: autocannon.Options): Promise<Load> {
  const result = await autocannon({ connections: 64, duration: 10, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
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

/**
 * Waits until process `pid` has been nearly idle (under 5 % of a core) for half a second, or
 * `maxMs` has passed; returns how long it waited. A write-heavy scenario leaves the service's
 * workers (notification fan-out, webhooks) with a backlog that would otherwise be measured as
 * part of the next scenario.
 */
export async function waitUntilIdle(pid: number, maxMs = 60_000): Promise<number> {
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const started = Date.now();
  if (!existsSync(`/proc/${pid}/stat`)) return 0;
  for (;;) {
    const before = ticks();
    await new Promise((r) => setTimeout(r, 500));
    // Clock ticks are 1/100 s: under 2.5 ticks in 500 ms is under 5 % of a core.
    if (ticks() - before < 2.5 || Date.now() - started > maxMs) return Date.now() - started;
  }
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

export const machine = () => `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
