// node scripts/count-casts.mjs [top] — the type assertions (`value as T`, `<T>value`) in the packages'
// sources (packages/*/src, generated files included), `as const` left out, counted on the TypeScript
// syntax tree so that `import … as`, `export * as` and the word "as" in comments are not counted.
// Prints the total, then the `top` files with most (default 15).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const top = Number(process.argv[2] ?? 15);

function sourcesIn(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourcesIn(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

function isAsConst(node) {
  return ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) && node.type.typeName.text === 'const';
}

const counts = [];
for (const name of readdirSync(join(ROOT, 'packages'))) {
  const src = join(ROOT, 'packages', name, 'src');
  if (!statSync(join(ROOT, 'packages', name)).isDirectory()) continue;
  let files;
  try {
    files = sourcesIn(src);
  } catch {
    continue;
  }
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    let count = 0;
    const visit = (node) => {
      if ((ts.isAsExpression(node) && !isAsConst(node)) || ts.isTypeAssertionExpression(node)) count += 1;
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (count > 0) counts.push([file.slice(ROOT.length), count]);
  }
}
counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
console.log(`${counts.reduce((sum, [, count]) => sum + count, 0)} type assertions in packages/*/src`);
for (const [file, count] of counts.slice(0, top)) console.log(`${String(count).padStart(4)} ${file}`);
