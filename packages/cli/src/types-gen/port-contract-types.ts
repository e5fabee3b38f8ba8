import type { JsonSchema, LocalizedText, PortContractDocument } from '@smart-task/schemas';
import { toPlainSchema } from './plain-schema.js';
import { pascalCase } from './type-names.js';

const LOCAL_DEFINITION = /^#\/definitions\/(.+)$/;

/** The name of a contract definition's type: `delega` → `Delega`. */
function definitionTypeName(name: string): string {
  return pascalCase(name);
}

/** `it text\n\nen: en text`, or the Italian text alone when both are the same. */
function bilingual(text: LocalizedText): string {
  return text.en && text.en !== text.it ? `${text.it}\n\nen: ${text.en}` : text.it;
}

/** `Source: Gestione deleghe INPS (en: INPS Gestione deleghe)`. */
function sourceLine(source: LocalizedText): string {
  return source.en && source.en !== source.it ? `Source: ${source.it} (en: ${source.en}).` : `Source: ${source.it}.`;
}

function byName<T>(entries: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The one schema json-schema-to-typescript compiles into `port-contract.ts`: an interface
 * `PortContractTypes` with `facts` (`PortFacts`: per fact, its `params` — `<Fact>FactParams` — and
 * its `result` — `<Fact>FactResult`) and `actions` (`PortActions`: per action, `<Action>ActionParams` and,
 * when declared, `<Action>ActionResult`),
 * plus one type per shared definition (`Delega`, `Posizione`, …). Facts and actions are sorted by name.
 */
export function portContractSchema(contract: PortContractDocument): JsonSchema {
  const renameRef = (ref: string): string => {
    const match = LOCAL_DEFINITION.exec(ref);
    return match?.[1] === undefined ? ref : `#/definitions/${definitionTypeName(match[1])}`;
  };
  const facts = byName(contract.facts);
  const actions = byName(contract.actions);
  const definitions = byName(contract.definitions ?? {});
  return {
    title: 'PortContractTypes',
    description: `The data-port contract ${contract.version}: the parameters and result of every fact, the parameters of every action.`,
    type: 'object',
    additionalProperties: false,
    required: ['facts', 'actions'],
    properties: {
      facts: {
        title: 'PortFacts',
        description: 'The facts of the data port, by name: what `DataPort` receives (`params`) and must answer (`result`).',
        type: 'object',
        additionalProperties: false,
        required: facts.map(([name]) => name),
        properties: Object.fromEntries(
          facts.map(([name, fact]) => [
            name,
            {
              description: `${bilingual(fact.description)}\n\n${sourceLine(fact.source)}`,
              type: 'object',
              additionalProperties: false,
              required: ['params', 'result'],
              properties: {
                params: toPlainSchema(fact.params, { typeName: `${pascalCase(name)}FactParams`, notes: [`The parameters of the port fact \`${name}\`.`], renameRef }),
                result: toPlainSchema(fact.result, { typeName: `${pascalCase(name)}FactResult`, notes: [`The answer of the port fact \`${name}\`, as the contract checks it.`], renameRef }),
              },
            },
          ]),
        ),
      },
      actions: {
        title: 'PortActions',
        description: 'The actions of the action port, by name: the `params` an operation sends and, where the contract declares it, the `result` details the port returns.',
        type: 'object',
        additionalProperties: false,
        required: actions.map(([name]) => name),
        properties: Object.fromEntries(
          actions.map(([name, action]) => [
            name,
            {
              description: bilingual(action.description),
              type: 'object',
              additionalProperties: false,
              required: action.result ? ['params', 'result'] : ['params'],
              properties: {
                params: toPlainSchema(action.params, { typeName: `${pascalCase(name)}ActionParams`, notes: [`The parameters of the action \`${name}\`.`], renameRef }),
                ...(action.result && {
                  result: toPlainSchema(action.result, { typeName: `${pascalCase(name)}ActionResult`, notes: [`The details the action port returns for \`${name}\`, as the contract checks them.`], renameRef }),
                }),
              },
            },
          ]),
        ),
      },
    },
    definitions: Object.fromEntries(
      definitions.map(([name, definition]) => {
        const typeName = definitionTypeName(name);
        return [typeName, toPlainSchema(definition, { typeName, notes: [`The shared definition \`${name}\` of the port contract.`], renameRef })];
      }),
    ),
  };
}
