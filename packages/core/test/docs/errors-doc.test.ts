import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/index.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const errorsDoc = read('../../../../docs/reference/errors.md');

/** The codes a Markdown section documents: the first cell of each table row, when it is one `CODE`. */
function documentedCodes(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1] as string);
}

/** The text from the `## heading` to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`errors.md has no section "## ${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The members of a string-literal union type, read from the source that declares it. */
function unionMembers(source: string, typeName: string): string[] {
  const declaration = new RegExp(`export type ${typeName} =([^;]+);`).exec(source);
  if (!declaration) throw new Error(`no "export type ${typeName}" in the source`);
  return [...(declaration[1] as string).matchAll(/'([A-Z_]+)'/g)].map((match) => match[1] as string);
}

describe('docs/reference/errors.md', () => {
  const issueSections = section(errorsDoc, 'Catalog issue codes') + section(errorsDoc, 'Request lifecycle issue codes');

  it.each([...ISSUE_CODES])('documents the issue code %s with its cause and fix', (code) => {
    expect(documentedCodes(issueSections)).toContain(code);
  });

  it('documents no issue code the library does not have', () => {
    expect(documentedCodes(issueSections).filter((code) => !(ISSUE_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('documents every technical failure code', () => {
    const codes = unionMembers(read('../../src/evaluate/decision.ts'), 'TechnicalFailureCode');
    expect(codes.length).toBeGreaterThan(0);
    const documented = documentedCodes(section(errorsDoc, 'Technical failure codes'));
    expect(codes.filter((code) => !documented.includes(code))).toEqual([]);
  });
});
