import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPointer } from '@smart-task/core/toolchain';
import { cli, REPO_ROOT, type CliRun } from '../cli/cli-harness.js';
import { useTempRoot } from '../cli/monorepo-copy.js';

const GUIDE = 'docs/guide/new-smart-task.md';
const TASK = 'variazione-sede-legale';

/** A fenced block of the guide: its info string (`sh`, `json edit=… pointer=…`), body and line. */
interface FencedBlock {
  readonly language: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly body: string;
  readonly line: number;
}

function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const opening = /^```(\S+)(.*)$/.exec(lines[index] as string);
    if (!opening) continue;
    const end = lines.findIndex((line, position) => position > index && line === '```');
    if (end < 0) throw new Error(`${GUIDE}:${index + 1}: the fenced block is never closed`);
    const attributes = Object.fromEntries([...(opening[2] ?? '').matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1] as string, match[2] as string]));
    blocks.push({ language: opening[1] as string, attributes, body: lines.slice(index + 1, end).join('\n'), line: index + 1 });
    index = end;
  }
  return blocks;
}

/** `pnpm smart-task new x --title-it "A b"` → `['new', 'x', '--title-it', 'A b']`. */
function cliArguments(commandLine: string, where: string): string[] {
  const words = [...commandLine.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? (match[2] as string));
  const start = words[0] === 'pnpm' ? 1 : 0;
  if (words[start] !== 'smart-task') throw new Error(`${where}: only smart-task commands belong in sh blocks, got: ${commandLine}`);
  return words.slice(start + 1);
}

/** Numbers grow with the catalog: compare lines with every number replaced. */
const normalised = (line: string) => line.replace(/\d+/g, 'N');

/** Checks that the lines the guide shows appear, in order, in what the command printed. */
function expectOutputShown(shown: string, run: CliRun, where: string): void {
  const printed = [...run.stdout, ...run.stderr].map(normalised);
  let from = 0;
  for (const line of shown.split('\n')) {
    const expected = normalised(line);
    const matches = (actual: string) => (expected.endsWith('…') ? actual.startsWith(expected.slice(0, -1)) : actual === expected);
    const found = printed.findIndex((actual, index) => index >= from && matches(actual));
    if (found < 0) throw new Error(`${where}: the guide shows\n  ${line}\nbut the command printed:\n  ${[...run.stdout, ...run.stderr].join('\n  ')}`);
    from = found + 1;
  }
}

/** Sets the value at an RFC 6901 pointer; a last segment `-` appends to an array. */
function setAtPointer(document: unknown, pointer: string, value: unknown, where: string): void {
  const segments = fromPointer(pointer);
  const last = segments.pop();
  let parent = document as Record<string, unknown>;
  for (const segment of segments) {
    const next = parent[segment];
    if (typeof next !== 'object' || next === null) throw new Error(`${where}: ${pointer} does not exist in the file (no "${segment}")`);
    parent = next as Record<string, unknown>;
  }
  if (last === undefined) throw new Error(`${where}: an edit needs a pointer below the root`);
  if (Array.isArray(parent) && last === '-') parent.push(value);
  else if (Array.isArray(parent) || last in parent) parent[last] = value;
  else throw new Error(`${where}: ${pointer} does not exist in the file: the guide's edits replace values, they do not invent keys`);
}

describe(`the guide ${GUIDE}`, () => {
  const root = useTempRoot({ withCatalog: true });

  it('works as written: every command, edit and output, from an empty task to types', { timeout: 120_000 }, async () => {
    const blocks = fencedBlocks(readFileSync(join(REPO_ROOT, GUIDE), 'utf8'));
    let last: { run: CliRun; where: string; checked: boolean } | undefined;
    const expectLastSucceededIfUnchecked = () => {
      if (last && !last.checked) expect(last.run.code, `${last.where}: exit code (stderr: ${last.run.stderr.join(' ')})`).toBe(0);
    };
    let commands = 0;
    let edits = 0;
    for (const block of blocks) {
      const where = `${GUIDE}:${block.line}`;
      if (block.language === 'sh') {
        for (const line of block.body.split('\n').filter((item) => item.trim() !== '' && !item.startsWith('#'))) {
          expectLastSucceededIfUnchecked();
          last = { run: await cli(cliArguments(line, where), root.dir), where, checked: false };
          commands += 1;
        }
      } else if (block.language === 'text') {
        if (!last || last.checked) throw new Error(`${where}: an output block must follow a command`);
        expect(last.run.code, `${where}: exit code of ${last.where} (stdout: ${last.run.stdout.join(' | ')})`).toBe(Number(block.attributes.exit ?? '0'));
        expectOutputShown(block.body, last.run, where);
        last.checked = true;
      } else if (block.language === 'json' && block.attributes.edit) {
        const file = join(root.dir, block.attributes.edit);
        const document = JSON.parse(readFileSync(file, 'utf8'));
        setAtPointer(document, block.attributes.pointer ?? '', JSON.parse(block.body), where);
        writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
        edits += 1;
      } else if (block.language === 'ts' && block.attributes.generated) {
        expect(readFileSync(join(root.dir, block.attributes.generated), 'utf8'), `${where}: generated file`).toContain(block.body);
      }
    }
    expectLastSucceededIfUnchecked();
    expect(commands).toBeGreaterThanOrEqual(6);
    expect(edits).toBeGreaterThanOrEqual(5);
    for (const file of [`packages/schemas/tasks/${TASK}.schema.json`, `packages/rules/tasks/${TASK}.rules.json`, `packages/rules/tasks/${TASK}.cases.json`]) {
      expect(readFileSync(join(root.dir, file), 'utf8'), `${file} after the guide`).not.toContain('TODO');
    }
  });
});
