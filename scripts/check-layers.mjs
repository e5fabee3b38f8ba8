// node scripts/check-layers.mjs [src-dir] — no import cycles between the folders of @smart-task/core.
//
// Each top-level folder of packages/core/src is one node (`lifecycle`, `vocabulary`, ...); each file at
// the root of src is a node of its own (`port.ts`, `engine.ts`, ...). A file importing a file of another
// node is an edge between the two nodes (a subpath import such as `#pattern-check` is an edge to each
// of its variants' sources). Every import counts, type-only ones too (`import type`,
// `export type … from`, `import('…')` in a type): a type is part of the layer it is defined in.
// Prints every folder cycle (for each import between two folders that reach each other, the shortest
// cycle it closes), each step with one file-level import that makes it, and exits 1 when there is one.
// `--graph` prints the folder graph instead. The layer order the check keeps is written in docs/explanation/architecture.md ("Layers").
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? join(ROOT, 'packages', 'core', 'src'));

/** `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`: the specifier of each. */
const SPECIFIER = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function listTypeScript(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTypeScript(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The node a source file belongs to: its top-level folder under src, or the file itself at the root. */
function nodeOf(file) {
  return relative(SRC, file).split(sep)[0];
}

/** The .ts file a relative specifier names (`./x.js` → `./x.ts`, `./dir` → `./dir/index.ts`), if any. */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, join(base, 'index.ts'), base];
  return candidates.find((path) => path.endsWith('.ts') && exists(path));
}

function exists(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Comments stripped, so that an import quoted in TSDoc does not count. Strings are left alone. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The package's subpath imports (package.json `imports`, e.g. `#pattern-check`), read beside SRC. */
const SUBPATH_IMPORTS = (() => {
  try {
    return JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')).imports ?? {};
  } catch {
    return {};
  }
})();

/**
 * The .ts files a subpath import names, under any condition: each target `./dist/x.js` (or `.cjs`)
 * stands for `src/x.ts`, as the package's tsconfig (rootDir src, outDir dist) maps it back.
 */
function resolveSubpathImport(specifier) {
  const targets = [];
  const collect = (target) => (typeof target === 'string' ? targets.push(target) : Object.values(target ?? {}).forEach(collect));
  collect(SUBPATH_IMPORTS[specifier]);
  const sources = targets.map((target) => join(SRC, target.replace(/^\.\/dist\//, '').replace(/\.c?js$/, '.ts')));
  return [...new Set(sources)].filter(exists);
}

const files = listTypeScript(SRC);
/** node → node → the first file-level import seen for that edge, `from.ts → to.ts`. */
const edges = new Map();
for (const file of files) {
  const text = withoutComments(readFileSync(file, 'utf8'));
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    const targets = specifier.startsWith('#') ? resolveSubpathImport(specifier) : specifier.startsWith('.') ? [resolveSpecifier(file, specifier)] : [];
    for (const target of targets) {
      if (target === undefined || !target.startsWith(SRC + sep)) continue;
      const [from, to] = [nodeOf(file), nodeOf(target)];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from);
      if (!out.has(to)) out.set(to, `${relative(SRC, file)} → ${relative(SRC, target)}`);
    }
  }
}

const nodes = [...new Set([...files.map(nodeOf)])].sort();
const successors = (node) => [...(edges.get(node)?.keys() ?? [])].sort();

/** Tarjan's strongly connected components: the groups of nodes that all reach each other. */
function stronglyConnected() {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of nodes) if (!indices.has(node)) visit(node);
  return groups;
}

/** The shortest path from `from` to `to` inside `members` (breadth first), as a list of nodes. */
function shortestPath(from, to, members) {
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) break;
    for (const next of successors(node)) {
      if (members.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]));
  return path;
}

/**
 * The cycles of one group: for every import between two of its folders, the shortest cycle that import
 * closes. Every import that takes part in a cycle is shown once at least; a cycle made of the same
 * steps is shown once.
 */
function cyclesOf(group) {
  const members = new Set(group);
  const cycles = new Map();
  for (const from of group) {
    for (const to of successors(from)) {
      if (!members.has(to)) continue;
      const cycle = [from, ...shortestPath(to, from, members)];
      const smallest = cycle.slice(0, -1).reduce((min, node, i, all) => (node < all[min] ? i : min), 0);
      const rotated = [...cycle.slice(smallest, -1), ...cycle.slice(0, smallest), cycle[smallest]];
      cycles.set(rotated.join(' → '), rotated);
    }
  }
  return [...cycles.values()].sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

if (process.argv.includes('--graph')) {
  for (const node of nodes) console.log(`${node} → ${successors(node).join(', ') || '(nothing)'}`);
  process.exit(0);
}

const groups = stronglyConnected();
if (groups.length === 0) {
  console.log(`check-layers: no cycle between the ${nodes.length} folders and root files of ${relative(ROOT, SRC)}.`);
  process.exit(0);
}

let total = 0;
for (const group of groups) {
  const cycles = cyclesOf(group);
  total += cycles.length;
  console.log(`Folders that import each other: ${group.join(', ')} (${cycles.length} cycle${cycles.length === 1 ? '' : 's'})`);
  for (const cycle of cycles) {
    console.log(`  ${cycle.join(' → ')}`);
    for (let step = 0; step < cycle.length - 1; step += 1) {
      console.log(`    ${edges.get(cycle[step]).get(cycle[step + 1])}`);
    }
  }
}
console.error(`check-layers: ${total} folder cycle${total === 1 ? '' : 's'} in ${relative(ROOT, SRC)}. Move the shared code down to the ` + 'lower layer (docs/explanation/architecture.md, "Layers") so that imports go one way.');
process.exit(1);
