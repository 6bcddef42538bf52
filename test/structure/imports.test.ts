import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The shape of the code base, checked so it stays true: imports between server folders run one way
// (features → shared → db), and the pure folders stay pure.

const root = resolve(import.meta.dirname, '../..');

/** Server folders every feature may use; they import no feature. */
const SHARED = new Set(['db', 'crypto', 'http', 'sessions', 'audit', 'limits', 'sheets', 'startup', 'housekeeping']);
/** Server files at the top that only compose the app: they may import anything, nothing imports them but tests. */
const COMPOSITION = new Set(['app.ts', 'main.ts', 'cli.ts', 'app-deps.ts']);

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const edges: Edge[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gms)) {
    edges.push({ from: file, to: resolve(dirname(file), match[3]!), typeOnly: Boolean(match[2]) });
  }
  for (const match of text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) {
    edges.push({ from: file, to: resolve(dirname(file), match[1]!), typeOnly: false });
  }
  return edges;
}

/** The server folder a file belongs to; files at the top of server/ stand for themselves. */
function serverNode(file: string): string | null {
  const path = relative(join(root, 'server'), file);
  if (path.startsWith('..')) return null;
  return path.split(sep)[0]!;
}

function topFolder(file: string): string {
  return relative(root, file).split(sep)[0]!;
}

const serverEdges = sourceFiles(join(root, 'server')).flatMap(importsOf);

function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const edge of serverEdges) {
    const from = serverNode(edge.from);
    const to = serverNode(edge.to);
    // The composition files see everything by design; the third test below keeps them out of the features.
    if (from === null || to === null || from === to || COMPOSITION.has(from) || COMPOSITION.has(to)) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    graph.get(from)!.set(to, relative(root, edge.from));
  }
  return graph;
}

function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'visiting') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

describe('the structure of the code base', () => {
  it('has no cycle between server folders, so no two folders import each other', () => {
    const graph = folderGraph();
    const cycle = findCycle(graph);
    const where = cycle?.slice(1).map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)!.get(to)})`);
    expect(where ?? null).toBeNull();
  });

  it('lets shared server folders import no feature folder', () => {
    const upward = serverEdges.flatMap((edge) => {
      const from = serverNode(edge.from);
      const to = serverNode(edge.to);
      if (from === null || to === null || !SHARED.has(from) || from === to) return [];
      const allowed = SHARED.has(to) || (!COMPOSITION.has(to) && to.endsWith('.ts'));
      return allowed ? [] : [`${relative(root, edge.from)} → ${relative(root, edge.to)}`];
    });
    expect(upward).toEqual([]);
  });

  it('imports the composition files (app, main, cli, app-deps) from nowhere but each other, as types', () => {
    const wrong = serverEdges.flatMap((edge) => {
      const to = serverNode(edge.to);
      const from = serverNode(edge.from);
      if (to === null || from === null || !COMPOSITION.has(to) || COMPOSITION.has(from) || edge.typeOnly) return [];
      return [`${relative(root, edge.from)} → ${relative(root, edge.to)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('keeps scoring/, surveys/ and formats/ pure: they import neither server nor client code', () => {
    const impure = ['scoring', 'surveys', 'formats'].flatMap((folder) =>
      sourceFiles(join(root, folder))
        .flatMap(importsOf)
        .filter((edge) => ['server', 'client'].includes(topFolder(edge.to)))
        .map((edge) => `${relative(root, edge.from)} → ${relative(root, edge.to)}`),
    );
    expect(impure).toEqual([]);
  });

  it('lets the client take only types from the server (the API contract), never server code', () => {
    const leaks = sourceFiles(join(root, 'client'))
      .flatMap(importsOf)
      .filter((edge) => topFolder(edge.to) === 'server' && !edge.typeOnly)
      .map((edge) => `${relative(root, edge.from)} → ${relative(root, edge.to)}`);
    expect(leaks).toEqual([]);
  });
});
