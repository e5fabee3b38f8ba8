import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { fromPointer } from '@smart-task/core/toolchain';

/** A place in a text file, both 1-based (column in UTF-16 code units, as editors and GitHub count). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Where a JSON pointer is written in a file, or `undefined` when the file cannot be read. */
export type SourcePositions = (file: string, pointer: string) => SourcePosition | undefined;

function positionOfOffset(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** The deepest node of the tree that the pointer reaches: a pointer to something absent stops at its parent. */
function deepestNode(root: Node, pointer: string): Node {
  let node = root;
  for (const segment of fromPointer(pointer)) {
    // RFC 6901: an array index is `0` or digits without a leading zero; `''`, `01`, `1e0` name no item.
    if (node.type === 'array' && !ARRAY_INDEX.test(segment)) break;
    const step = node.type === 'array' ? Number(segment) : segment;
    const child = findNodeAtLocation(node, [step]);
    if (!child) break;
    node = child;
  }
  return node;
}

/**
 * The line and column of the value a JSON pointer designates in a JSON text — of its property name when
 * it is an object member, so the position is the line an analyst edits. A pointer to something absent
 * (a missing property) gives the position of the nearest existing parent; a text that is not JSON gives
 * line 1, column 1.
 */
export function positionOfPointer(text: string, pointer: string): SourcePosition {
  return positionInTree({ text, root: parseJson(text) }, pointer);
}

interface ParsedText {
  readonly text: string;
  readonly root: Node | undefined;
}

function parseJson(text: string): Node | undefined {
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

function positionInTree({ text, root }: ParsedText, pointer: string): SourcePosition {
  if (!root) return { line: 1, column: 1 };
  const node = deepestNode(root, pointer);
  const start = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.offset : node.offset;
  return positionOfOffset(text, start);
}

/**
 * Positions of pointers in the files under `cwd`, each file read and parsed at most once. Names that are
 * not files (`<request>`) or that cannot be read give `undefined`.
 */
export function createSourcePositions(cwd: string): SourcePositions {
  const parsed = new Map<string, ParsedText | undefined>();
  const read = (file: string): ParsedText | undefined => {
    try {
      const text = readFileSync(resolve(cwd, file), 'utf8');
      return { text, root: parseJson(text) };
    } catch {
      return undefined;
    }
  };
  return (file, pointer) => {
    if (!parsed.has(file)) parsed.set(file, read(file));
    const found = parsed.get(file);
    return found === undefined ? undefined : positionInTree(found, pointer);
  };
}
