import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileLines } from '../../src/node/read-file-lines.js';

const directory = mkdtempSync(join(tmpdir(), 'smart-task-lines-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
/** Writes the text (or bytes) to a new file and returns its lines as readFileLines gives them. */
async function linesOf(content: string): Promise<string[]> {
  const path = join(directory, `file-${(files += 1)}.jsonl`);
  writeFileSync(path, content);
  const lines: string[] = [];
  for await (const line of readFileLines(path)) lines.push(line);
  return lines;
}

describe('readFileLines', () => {
  it('gives each line without its \\n, the last one also without a \\n, nothing for an empty file', async () => {
    expect(await linesOf('{"a":1}\n{"b":2}\n')).toEqual(['{"a":1}', '{"b":2}']);
    expect(await linesOf('{"a":1}\n\n{"b":2}')).toEqual(['{"a":1}', '', '{"b":2}']);
    expect(await linesOf('')).toEqual([]);
    expect(await linesOf('\n')).toEqual(['']);
  });

  it('keeps the \\r of CRLF line ends and a byte-order mark, as JSON.parse-tolerant text for recordText to clean', async () => {
    expect(await linesOf('\uFEFF{"a":1}\r\n{"b":2}\r\n')).toEqual(['\uFEFF{"a":1}\r', '{"b":2}\r']);
  });

  it('decodes characters of several bytes that a 1 MB chunk boundary cuts in two, and lines longer than a chunk', async () => {
    // "è" is 2 bytes and "€" 3 in UTF-8: placed so that the first chunk of 2^20 bytes ends inside one of each kind.
    const head = 'x'.repeat(2 ** 20 - 1);
    const long = `{"motivo":"${'però € '.repeat(400_000)}"}`;
    const lines = await linesOf(`${head}è\n€€\n${long}\n${'€'.repeat(10)}`);
    expect(lines).toEqual([`${head}è`, '€€', long, '€'.repeat(10)]);
  });

  it('gives the same lines as splitting the decoded file, on audit-record-like lines with accents', async () => {
    const text = Array.from({ length: 3000 }, (_, index) => JSON.stringify({ requestId: `R-${index}`, motivo: `È già attiva una delega (n. ${index}) — verificare`.repeat(1 + (index % 7)) })).join('\n');
    expect(await linesOf(text)).toEqual(text.split('\n'));
  });

  it('closes the file when the reader stops early', async () => {
    const path = join(directory, 'early.jsonl');
    writeFileSync(path, 'a\nb\nc\n');
    const lines = readFileLines(path);
    expect((await lines.next()).value).toBe('a');
    await lines.return(undefined);
    expect((await lines.next()).done).toBe(true);
  });

  it('rejects with the file system error for a missing file', async () => {
    await expect(readFileLines(join(directory, 'missing.jsonl')).next()).rejects.toThrow(/ENOENT/);
  });
});
