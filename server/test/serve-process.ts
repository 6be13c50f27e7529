import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A `customer-portal serve` running as its own process. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, as an operator would stop it, and wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `customer-portal serve --port 0` with `env` and resolves once it listens.
 * @example const a = await serveProcess({ DATABASE_URL: url, PUBLIC_URL: 'http://portal.test' }); await a.stop();
 */
export function serveProcess(env: Record<string, string>, stderr: 'pipe' | 'inherit' = 'pipe'): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', '--port', '0'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', stderr] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}
