import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The relative modules a file imports at run time (`import type` and all-type imports left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)([^;]*?)\s*from\s+'(\.[^']+)'/gm)]
    .filter(([, names]) => {
      const inside = /^\{([^}]*)\}$/.exec(names!.trim());
      return !inside || !inside[1]!.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '));
    })
    .map(([, , path]) => resolve(dirname(file), path!.replace(/\.js$/, '.ts')));
}

/** Every cycle of run-time imports among `files`, each as the list of its modules. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    done.add(file);
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push(path.slice(at).map((p) => relative(root, p)));
      else if (!done.has(next) && graph.has(next)) visit(next);
    }
    path.pop();
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return found;
}

describe('the code base', () => {
  it('has no cycle of run-time imports in the service, the widget or the shared contract', () => {
    const files = ['server', 'widget', 'contract'].flatMap((dir) => sources(join(root, dir)));
    expect(files.length).toBeGreaterThan(100);
    expect(cycles(files)).toEqual([]);
  });
});
