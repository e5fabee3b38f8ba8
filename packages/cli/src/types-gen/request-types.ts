import type { JsonSchema, RequestSchemaDocument } from '@smart-task/schemas';
import { conditionalsOf, requestFieldsOf } from '@smart-task/core/toolchain';
import { toPlainSchema } from './plain-schema.js';
import { pascalCase, requestTypeName } from './type-names.js';

const LOCAL_DEFINITION = /^#\/definitions\/(.+)$/;

/** `motivo is "ALTRO"`, `tipo is one of "A", "B"`: what a conditional block's `if` tests, in words. */
function conditionText(tested: Readonly<Record<string, JsonSchema>>): string {
  return Object.entries(tested)
    .map(([name, test]) => {
      if ('const' in test) return `${name} is ${JSON.stringify(test.const)}`;
      if (Array.isArray(test.enum)) return `${name} is one of ${test.enum.map((value) => JSON.stringify(value)).join(', ')}`;
      return `${name} matches ${JSON.stringify(test)}`;
    })
    .join(' and ');
}

/** The JSDoc note of a field the form shows only under a condition. */
function conditionalNote(schema: RequestSchemaDocument, index: number, name: string): string {
  const block = conditionalsOf(schema)[index];
  if (!block) return 'Conditional field.';
  const required = block.then.required?.includes(name) ? 'required then, absent otherwise' : 'optional';
  return `Asked only when ${conditionText(block.if.properties)} (${required}): optional in this type.`;
}

/** The JSDoc note of a field whose value INPS already knows (`x-known`). */
function knownNote(field: JsonSchema): string[] {
  const known = field['x-known'];
  if (!known || typeof known.fact !== 'string') return [];
  const path = typeof known.path === 'string' ? known.path.replace(/^\$\.?/, '') : '';
  return [`Known to INPS (${path === '' ? known.fact : `${known.fact}.${path}`}): shown read-only, not asked.`];
}

/** The name a request schema's own definition gets in the generated file: `RevocaDelegaIntermediarioRequestPeriodo`. */
function definitionTypeName(taskId: string, definition: string): string {
  return `${requestTypeName(taskId)}${pascalCase(definition)}`;
}

/** A request schema ready to be compiled into one interface, and its definitions, renamed to be unique in the file. */
export interface RequestTypeSchema {
  readonly taskId: string;
  readonly schema: JsonSchema;
  /** The request schema's `definitions`, keyed by their type names. */
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

/**
 * Flattens a request schema into the plain schema of its data: every field of `properties` and of the
 * `then` of each conditional block (`allOf`), required only when the root `required` lists it — a
 * field revealed by a condition is optional, since the request holds it only when the condition
 * holds. Local definitions are renamed after the task, so two tasks' definitions never clash.
 */
export function requestTypeSchema(document: RequestSchemaDocument): RequestTypeSchema {
  const taskId = document['x-task'];
  const renameRef = (ref: string): string => {
    const match = LOCAL_DEFINITION.exec(ref);
    return match?.[1] === undefined ? ref : `#/definitions/${definitionTypeName(taskId, match[1])}`;
  };
  const properties: Record<string, JsonSchema> = {};
  for (const field of requestFieldsOf(document)) {
    const notes = [...knownNote(field.schema), ...(field.conditional === undefined ? [] : [conditionalNote(document, field.conditional, field.name)])];
    const plain = toPlainSchema(field.schema, { notes, renameRef });
    const earlier = properties[field.name];
    properties[field.name] = earlier === undefined ? plain : { anyOf: [earlier, plain] };
  }
  const required = Array.isArray(document.required) ? document.required : [];
  const schema: JsonSchema = {
    ...toPlainSchema(
      {
        title: document.title,
        ...(document.description !== undefined && { description: document.description }),
        ...(document['x-i18n'] !== undefined && { 'x-i18n': document['x-i18n'] }),
      },
      {
        typeName: requestTypeName(taskId),
        notes: [`The request data of the Smart-Task \`${taskId}\`.`],
      },
    ),
    type: 'object',
    additionalProperties: false,
    properties,
    required,
  };
  const ownDefinitions = document.definitions ?? {};
  const definitions = Object.fromEntries(
    Object.entries(ownDefinitions).map(([name, definition]) => {
      const typeName = definitionTypeName(taskId, name);
      return [typeName, toPlainSchema(definition, { typeName, notes: [`The definition \`${name}\` of the request schema of \`${taskId}\`.`], renameRef })];
    }),
  );
  return { taskId, schema, definitions };
}

/**
 * The one schema json-schema-to-typescript compiles into `requests.ts`: an interface `SmartTaskRequests`
 * with one property per task id, whose type is that task's request interface, plus every definition.
 * Tasks are sorted by id, so the output does not depend on the order the files were read.
 */
export function requestsSchema(documents: readonly RequestSchemaDocument[]): JsonSchema {
  const tasks = documents.map(requestTypeSchema).sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  return {
    title: 'SmartTaskRequests',
    description: 'The request data of every Smart-Task of the catalog, by task id.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(tasks.map((task) => [task.taskId, task.schema])),
    required: tasks.map((task) => task.taskId),
    definitions: Object.fromEntries(tasks.flatMap((task) => Object.entries(task.definitions))),
  };
}
