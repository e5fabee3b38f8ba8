import { requestFieldPointer, requestFieldsOf } from '../../request-schema/request-fields.js';
import { joinPointer } from '../../json/pointer.js';
import { placeholdersOf } from '../../text/template.js';
import type { FactShapes } from '../fact-shapes.js';
import type { FindingDraft } from '../findings.js';
import { referencesOf } from '../rule-set-parts.js';
import type { RuleSetScope } from '../rule-set-scope.js';

/** Joins a DSL path and more steps written as a path (`$.a` + `$[0].b` → `$.a[0].b`). */
function appendPath(path: string | undefined, more: string): string {
  return `${path ?? '$'}${more.slice(1)}`;
}

function pathFinding(shapes: FactShapes, fact: string, path: string, pointer: string, written: string): FindingDraft | undefined {
  const result = shapes.at(fact, path);
  if (!result || result.found) return undefined;
  return {
    code: 'LINT_UNKNOWN_FACT_PATH',
    severity: 'error',
    pointer,
    message: `${written} selects nothing in ${shapes.sourceOf(fact)}: at ${result.missing.prefix} ${result.missing.reason}.`,
    hint: `correct the path to one the schema declares, or add the field to the schema; as written the value is always absent`,
  };
}

function placeholderFinding(shapes: FactShapes, fact: string, path: string, pointer: string, written: string): FindingDraft | undefined {
  const result = shapes.at(fact, path);
  if (!result || result.found) return undefined;
  return {
    code: 'LINT_UNKNOWN_PLACEHOLDER_PATH',
    severity: 'error',
    pointer,
    message: `Placeholder ${written} names a value that does not exist in ${shapes.sourceOf(fact)}: at ${result.missing.prefix} ${result.missing.reason}.`,
    hint: `name a field the schema declares; as written the message always shows "—" there`,
  };
}

/**
 * Rule 1 and the path half of rule 5: every path a rule set reads — in conditions, parameters and
 * message placeholders — must exist in its fact's schema (port contract result, helper result, request
 * schema, subject). The loader already checks the fact names and the first step into `request` and
 * `subject`; this follows the whole path.
 */
export function lintFactPaths(scope: RuleSetScope): void {
  const placeholdersSeen = new Set<string>();
  for (const reference of referencesOf(scope.loaded.document)) {
    if (reference.path === undefined) continue;
    if (reference.kind === 'placeholder') {
      // One finding per value and text: the same path in "it" and "en" is one mistake, whatever the formatter.
      const textPointer = reference.pointer.slice(0, reference.pointer.lastIndexOf('/'));
      const key = `${textPointer} ${reference.fact} ${reference.path}`;
      if (placeholdersSeen.has(key)) continue;
      placeholdersSeen.add(key);
      const finding = placeholderFinding(scope.shapes, reference.fact, reference.path, textPointer, reference.written);
      if (finding) scope.report(finding);
      continue;
    }
    const finding = pathFinding(scope.shapes, reference.fact, reference.path, reference.pointer, `Path "${reference.path}" of fact "${reference.fact}"`);
    if (finding) scope.report(finding);
  }
}

/**
 * Rule 1 for the form: the `x-known` and `x-options` annotations of the task's request schema must name
 * paths that exist in the facts of this rule-set version (`x-options`: an array, whose items have the
 * `value`, the `where` fields and the label's placeholders).
 */
export function lintFormAnnotations(scope: RuleSetScope, report: (draft: FindingDraft) => void): void {
  const { document } = scope.task.requestSchema;
  for (const field of requestFieldsOf(document)) {
    const pointer = requestFieldPointer(field);
    const known = field.schema['x-known'];
    if (known?.path !== undefined) {
      const finding = pathFinding(scope.shapes, known.fact, known.path, joinPointer(pointer, 'x-known', 'path'), `x-known path "${known.path}" of fact "${known.fact}"`);
      if (finding) report(finding);
    }
    const options = field.schema['x-options'];
    if (!options) continue;
    const at = joinPointer(pointer, 'x-options');
    const item = appendPath(options.path, '$[0]');
    const list = pathFinding(scope.shapes, options.fact, item, joinPointer(at, options.path === undefined ? 'fact' : 'path'), `x-options list "${options.path ?? '$'}" of fact "${options.fact}"`);
    if (list) {
      report({ ...list, hint: 'x-options needs an array: name a fact (and path) whose value is a list of items' });
      continue;
    }
    const drafts = [
      pathFinding(scope.shapes, options.fact, appendPath(item, options.value), joinPointer(at, 'value'), `x-options value "${options.value}" of the items of "${options.fact}"`),
      ...Object.keys(options.where ?? {}).map((name) => pathFinding(scope.shapes, options.fact, `${item}.${name}`, joinPointer(at, 'where', name), `x-options filter field "${name}" of the items of "${options.fact}"`)),
      ...[...new Map([...placeholdersOf(options.label.it), ...placeholdersOf(options.label.en)].map((placeholder) => [placeholder.raw, placeholder])).values()].map((placeholder) =>
        placeholderFinding(scope.shapes, options.fact, appendPath(`${item}.${placeholder.fact}`, placeholder.path ?? '$'), joinPointer(at, 'label'), placeholder.raw),
      ),
    ];
    for (const draft of drafts) if (draft) report(draft);
  }
}
