import {
  SUBJECT_FIELDS,
  type CheckDefinition,
  type Condition,
  type GateDefinition,
  type FactDeclaration,
  type JsonSchema,
  type LocalizedText,
  type ParamValue,
  type PortContractDocument,
  type RequestSchemaDocument,
  type RuleSetDocument,
  type Subject,
} from '@smart-task/schemas';
import { issue, type Issue } from '../errors.js';
import { BUILT_IN_FACTS, argumentsOf, dependencyClosure, factsReadBy, findFactCycle, isFactReference, leavesOf } from '../compile/fact-graph.js';
import { checkIsoDate } from '../formats/iso-date.js';
import { joinPointer } from '../json/pointer.js';
import { parsePath } from '../json/path.js';
import { didYouMean, quoteList } from '../text/suggest.js';
import { OPERATION_OUTCOME, TEMPLATE_FORMATTERS, placeholdersOf } from '../text/template.js';
import { datedValuesProblems } from '../vocabulary/dated-values.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import { requestFieldsOf } from '../request-schema/request-fields.js';

interface Context {
  readonly file: string;
  readonly ruleSet: RuleSetDocument;
  readonly contract: PortContractDocument;
  readonly requestSchema: RequestSchemaDocument | undefined;
  readonly vocabulary: Vocabulary;
  readonly knownFacts: ReadonlySet<string>;
  readonly issues: Issue[];
}

function report(context: Context, code: Parameters<typeof issue>[0], pointer: string, message: string): void {
  context.issues.push(issue(code, context.file, pointer, message));
}

function checkFactName(context: Context, fact: string, pointer: string): boolean {
  if (context.knownFacts.has(fact)) return true;
  report(context, 'UNKNOWN_FACT', pointer, `Fact "${fact}" is not declared.${didYouMean(fact, context.knownFacts)} Declare it under "facts" (a port fact or a helper), or use a built-in fact: ${quoteList(BUILT_IN_FACTS)}.`);
  return false;
}

function checkFactPath(context: Context, fact: string, path: string | undefined, pointer: string): void {
  if (path === undefined) return;
  const first = parsePath(path)[0];
  if (typeof first !== 'string') return;
  if (fact === 'request' && context.requestSchema) {
    const fields = requestFieldsOf(context.requestSchema).map((field) => field.name);
    if (!fields.includes(first)) {
      report(context, 'UNKNOWN_REQUEST_FIELD', pointer, `The request has no field "${first}".${didYouMean(first, fields)} Use a field of the request schema (${quoteList(fields)}) or add the field there.`);
    }
  }
  if (fact === 'subject' && !SUBJECT_FIELDS.includes(first as keyof Subject)) {
    report(context, 'UNKNOWN_REQUEST_FIELD', pointer, `The subject has no field "${first}".${didYouMean(first, SUBJECT_FIELDS)} Use one of ${quoteList(SUBJECT_FIELDS)}.`);
  }
}

function checkReferences(context: Context, params: Readonly<Record<string, ParamValue>>, pointer: string): void {
  for (const [name, value] of Object.entries(params)) {
    if (!isFactReference(value)) continue;
    const at = joinPointer(pointer, name);
    if (checkFactName(context, value.fact, joinPointer(at, 'fact'))) checkFactPath(context, value.fact, value.path, joinPointer(at, 'path'));
  }
}

function checkParamsAgainst(context: Context, params: Readonly<Record<string, ParamValue>>, schema: JsonSchema, pointer: string, what: string): void {
  const allowed = Object.keys(schema.properties ?? {});
  const code = what.startsWith('action') ? 'INVALID_ACTION_PARAMS' : 'INVALID_FACT_PARAMS';
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) {
      report(context, code, joinPointer(pointer, name), `${what} takes no parameter "${name}".${didYouMean(name, allowed)} Its parameters are ${quoteList(allowed) || 'none'}.`);
    }
  }
  for (const name of schema.required ?? []) {
    if (!(name in params)) report(context, code, pointer, `${what} needs the parameter "${name}". Add "${name}" (a literal or { "fact": …, "path": … }).`);
  }
}

function checkFactDeclarations(context: Context): void {
  const { ruleSet, contract, vocabulary } = context;
  for (const [name, declaration] of Object.entries(ruleSet.facts) as [string, FactDeclaration][]) {
    const pointer = joinPointer('/facts', name);
    if ((BUILT_IN_FACTS as readonly string[]).includes(name)) {
      report(context, 'DUPLICATE_ID', pointer, `"${name}" is a built-in fact and cannot be redeclared. Rename this fact.`);
    }
    if ('port' in declaration) {
      const portFact = contract.facts[declaration.port];
      if (!portFact) {
        report(
          context,
          'UNKNOWN_PORT_FACT',
          joinPointer(pointer, 'port'),
          `The port contract has no fact "${declaration.port}".${didYouMean(declaration.port, Object.keys(contract.facts))} Use a fact of packages/schemas/port-contract.json or add it there.`,
        );
      } else {
        checkParamsAgainst(context, declaration.params, portFact.params, joinPointer(pointer, 'params'), `Port fact "${declaration.port}"`);
      }
      checkReferences(context, declaration.params, joinPointer(pointer, 'params'));
    } else if ('inForce' in declaration) {
      for (const problem of datedValuesProblems(declaration.inForce)) {
        report(context, 'INVALID_DATED_VALUES', joinPointer(pointer, 'inForce', problem.index, problem.field), problem.message);
      }
      checkReferences(context, { on: declaration.on }, pointer);
    } else {
      const helper = vocabulary.helpers.get(declaration.helper);
      if (!helper) {
        report(context, 'UNKNOWN_HELPER', joinPointer(pointer, 'helper'), `There is no fact helper "${declaration.helper}".${didYouMean(declaration.helper, vocabulary.helpers.keys())} Known helpers: ${quoteList(vocabulary.helpers.keys())}.`);
      } else {
        checkParamsAgainst(context, declaration.args, helper.argsSchema, joinPointer(pointer, 'args'), `Helper "${declaration.helper}"`);
      }
      checkReferences(context, declaration.args, joinPointer(pointer, 'args'));
    }
  }
  const cycle = findFactCycle(ruleSet.facts);
  if (cycle) report(context, 'FACT_CYCLE', joinPointer('/facts', cycle[0] as string), `Facts depend on each other in a circle: ${cycle.join(' → ')}. Break the cycle.`);
}

function checkCondition(context: Context, condition: Condition, pointer: string): void {
  const { vocabulary } = context;
  for (const { leaf, pointer: at } of leavesOf(condition, pointer)) {
    if (checkFactName(context, leaf.fact, joinPointer(at, 'fact'))) checkFactPath(context, leaf.fact, leaf.path, joinPointer(at, 'path'));
    if (!vocabulary.isKnownOperator(leaf.operator)) {
      report(context, 'UNKNOWN_OPERATOR', joinPointer(at, 'operator'), `Unknown operator "${leaf.operator}".${didYouMean(leaf.operator, vocabulary.operators.keys())} Use one of: ${quoteList(vocabulary.operators.keys())}.`);
      continue;
    }
    if (isFactReference(leaf.value)) {
      if (checkFactName(context, leaf.value.fact, joinPointer(at, 'value', 'fact'))) checkFactPath(context, leaf.value.fact, leaf.value.path, joinPointer(at, 'value', 'path'));
      continue;
    }
    if (leaf.value !== null && typeof leaf.value === 'object' && !Array.isArray(leaf.value) && 'fact' in leaf.value) {
      report(
        context,
        'INVALID_OPERATOR_VALUE',
        joinPointer(at, 'value'),
        `json-rules-engine reads an object with a "fact" key as a fact reference, so this value would not be compared as written. Use { "fact": …, "path": … } and nothing else, or rename the "fact" key.`,
      );
      continue;
    }
    if (leaf.operator.includes(':')) continue;
    const validateValue = vocabulary.operatorValueValidators.get(leaf.operator);
    if (validateValue && !validateValue(leaf.value)) {
      const expected = JSON.stringify(vocabulary.operators.get(leaf.operator)?.valueSchema);
      report(context, 'INVALID_OPERATOR_VALUE', joinPointer(at, 'value'), `Operator "${leaf.operator}" cannot compare with ${JSON.stringify(leaf.value)}: its value must match ${expected}. Change the value or the operator.`);
    } else if (vocabulary.operators.get(leaf.operator)?.operands?.value === 'date' && typeof leaf.value === 'string' && !checkIsoDate(leaf.value.slice(0, 10)).ok) {
      report(context, 'INVALID_DATE', joinPointer(at, 'value'), `${JSON.stringify(leaf.value)} is written like a date but that day does not exist in the calendar, so "${leaf.operator}" would compare with a day that never comes. Correct the date.`);
    }
  }
}

function checkTemplate(context: Context, text: LocalizedText, pointer: string, allowed: ReadonlySet<string>, scope: string): void {
  for (const locale of ['it', 'en'] as const) {
    for (const placeholder of placeholdersOf(text[locale])) {
      const at = joinPointer(pointer, locale);
      if (!allowed.has(placeholder.fact)) {
        report(context, 'UNKNOWN_PLACEHOLDER', at, `Placeholder ${placeholder.raw} names "${placeholder.fact}", which ${scope} does not read. Use one of ${quoteList(allowed)}, or read that fact in the conditions.`);
      } else if (placeholder.formatter !== undefined && !(TEMPLATE_FORMATTERS as readonly string[]).includes(placeholder.formatter)) {
        report(context, 'UNKNOWN_PLACEHOLDER', at, `Placeholder ${placeholder.raw} uses the unknown formatter "${placeholder.formatter}". Use one of ${quoteList(TEMPLATE_FORMATTERS)}.`);
      } else {
        checkFactPath(context, placeholder.fact, placeholder.path, at);
      }
    }
  }
}

function checkRules(context: Context): void {
  const { ruleSet } = context;
  const ids = new Map<string, string>();
  const checkReasons = new Map<string, string>();
  const gateReasons = new Set(ruleSet.gates.map((gate) => gate.reasonCode));
  const rules: { rule: GateDefinition | CheckDefinition; pointer: string; isGate: boolean }[] = [
    ...ruleSet.gates.map((rule, index) => ({ rule, pointer: joinPointer('/gates', index), isGate: true })),
    ...ruleSet.checks.map((rule, index) => ({ rule, pointer: joinPointer('/checks', index), isGate: false })),
  ];
  for (const { rule, pointer, isGate } of rules) {
    const previous = ids.get(rule.id);
    if (previous) report(context, 'DUPLICATE_ID', joinPointer(pointer, 'id'), `Id "${rule.id}" is already used at ${previous}. Give every gate and check its own id.`);
    else ids.set(rule.id, pointer);
    if (!isGate) {
      const earlier = checkReasons.get(rule.reasonCode);
      if (earlier || gateReasons.has(rule.reasonCode)) {
        report(
          context,
          'DUPLICATE_REASON_CODE',
          joinPointer(pointer, 'reasonCode'),
          `Reason code "${rule.reasonCode}" is already used by ${earlier ?? 'a gate'}. Each check needs its own reason code, so that a reason identifies the check that failed.`,
        );
      } else {
        checkReasons.set(rule.reasonCode, pointer);
      }
    }
    checkCondition(context, rule.conditions, joinPointer(pointer, 'conditions'));
    const applicableWhen = 'applicableWhen' in rule ? (rule as CheckDefinition).applicableWhen : undefined;
    if (applicableWhen) checkCondition(context, applicableWhen, joinPointer(pointer, 'applicableWhen'));
    const read = dependencyClosure([...factsReadBy(rule.conditions), ...factsReadBy(applicableWhen)], ruleSet.facts);
    if (isGate && read.has('request')) {
      report(
        context,
        'GATE_READS_REQUEST',
        joinPointer(pointer, 'conditions'),
        `Gate ${rule.id} depends on the request data, but gates run before the form is filled in (they decide whether it is offered). Make it a check, or base it on "subject" and port facts only.`,
      );
    }
    // A gate's message may show only what the gate itself read; a check's message may show any fact.
    checkTemplate(context, rule.message, joinPointer(pointer, 'message'), isGate ? read : context.knownFacts, isGate ? `gate ${rule.id}` : 'the rule set');
  }
}

function checkOperations(context: Context): void {
  const { ruleSet, contract } = context;
  const ids = new Set<string>();
  ruleSet.operations.forEach((operation, index) => {
    const pointer = joinPointer('/operations', index);
    if (ids.has(operation.id)) report(context, 'DUPLICATE_ID', joinPointer(pointer, 'id'), `Operation id "${operation.id}" is used twice. Give each operation its own id: it is part of the idempotency key.`);
    ids.add(operation.id);
    const action = contract.actions[operation.action];
    if (!action) {
      report(context, 'UNKNOWN_ACTION', joinPointer(pointer, 'action'), `The port contract has no action "${operation.action}".${didYouMean(operation.action, Object.keys(contract.actions))} Use an action of the port contract or add it there.`);
    } else {
      checkParamsAgainst(context, operation.params, action.params, joinPointer(pointer, 'params'), `action "${operation.action}"`);
    }
    checkReferences(context, operation.params, joinPointer(pointer, 'params'));
    checkTemplate(context, operation.description, joinPointer(pointer, 'description'), new Set([...context.knownFacts, OPERATION_OUTCOME]), `the rule set`);
  });
}

/**
 * Cross-checks one rule set against the port contract, its request schema and the vocabulary: every
 * fact, operator, helper, action, request field and message placeholder it names must exist.
 */
export function crossCheckRuleSet(file: string, ruleSet: RuleSetDocument, contract: PortContractDocument, requestSchema: RequestSchemaDocument | undefined, vocabulary: Vocabulary): Issue[] {
  const context: Context = {
    file,
    ruleSet,
    contract,
    requestSchema,
    vocabulary,
    knownFacts: new Set([...BUILT_IN_FACTS, ...Object.keys(ruleSet.facts)]),
    issues: [],
  };
  checkFactDeclarations(context);
  checkRules(context);
  checkOperations(context);
  return context.issues;
}

export { argumentsOf };
