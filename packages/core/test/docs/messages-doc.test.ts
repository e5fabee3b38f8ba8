import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MESSAGES, MESSAGE_CODES, MESSAGE_PARAMS } from '../../src/index.js';

const messagesDoc = readFileSync(new URL('../../../../docs/reference/messages.md', import.meta.url), 'utf8');

/** The rows of the code tables: `| \`code\` | params | it |`. */
const rows = new Map([...messagesDoc.matchAll(/^\| `([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)` \| (.*) \| (.*) \|$/gm)].map((match) => [match[1] as string, { params: match[2] as string, it: (match[3] as string).replace(/\\\|/g, '|') }]));

describe('docs/reference/messages.md', () => {
  it.each([...MESSAGE_CODES])('lists %s with its params and its Italian text', (code) => {
    const params = MESSAGE_PARAMS[code].length === 0 ? '—' : MESSAGE_PARAMS[code].map((name) => `\`${name}\``).join(', ');
    expect(rows.get(code)).toEqual({ params, it: BUILT_IN_MESSAGES[code].it });
  });

  it('lists no code the table does not have', () => {
    expect([...rows.keys()].filter((code) => !(MESSAGE_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
