import { conditionalsOf, requestFieldPointer, requestFieldsOf } from '../../request-schema/request-fields.js';
import type { TaskDefinition } from '../../catalog/catalog.js';
import { parsePath } from '../../json/path.js';
import type { FindingCollector } from '../findings.js';
import { referencesOf } from '../rule-set-parts.js';

/** The request fields some version of the task reads; `undefined` when one reads the whole request. */
function fieldsReadBy(task: TaskDefinition): Set<string> | undefined {
  const read = new Set<string>();
  for (const { document } of task.ruleSets) {
    for (const reference of referencesOf(document)) {
      if (reference.fact !== 'request') continue;
      const first = reference.path === undefined ? undefined : parsePath(reference.path)[0];
      if (typeof first !== 'string') return undefined;
      read.add(first);
    }
  }
  // A field that decides which conditional fields the form shows is used by the form itself.
  for (const block of conditionalsOf(task.requestSchema.document)) for (const name of Object.keys(block.if.properties)) read.add(name);
  return read;
}

/**
 * Rule 2, ask only what is needed: a field the form collects that no gate, check, operation, message
 * placeholder or fact parameter of any version of the rule set reads. Fields with `x-known` are shown,
 * not asked, and are left out.
 */
export function lintUnreadRequestFields(task: TaskDefinition, findings: FindingCollector): void {
  const read = fieldsReadBy(task);
  if (!read) return;
  const { file, document } = task.requestSchema;
  for (const field of requestFieldsOf(document)) {
    if (read.has(field.name) || field.schema['x-known'] !== undefined) continue;
    const pointer = requestFieldPointer(field);
    findings.add(file, {
      code: 'LINT_UNREAD_REQUEST_FIELD',
      severity: 'warning',
      pointer,
      message: `The form asks for "${field.name}", but no gate, check, operation, message or fact of task "${task.id}" reads request $.${field.name}.`,
      hint: `remove the field from the request schema, or read it in a condition, an operation parameter or a message placeholder`,
    });
  }
}
