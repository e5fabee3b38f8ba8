import type { CheckDefinition, Condition, GateDefinition, LocalizedText, ParamValue, RuleSetDocument } from '@smart-task/schemas';
import { argumentsOf, isFactReference, leavesOf } from '../compile/fact-graph.js';
import { joinPointer } from '../json/pointer.js';
import { OPERATION_OUTCOME, placeholdersOf } from '../text/template.js';

/** A gate or check of a rule set with its pointer. */
export interface LocatedRule {
  readonly rule: GateDefinition | CheckDefinition;
  readonly pointer: string;
  readonly isGate: boolean;
  readonly applicableWhen: Condition | undefined;
}

/** The gates, then the checks, of a rule set, in evaluation order. */
export function rulesOf(ruleSet: RuleSetDocument): LocatedRule[] {
  return [
    ...ruleSet.gates.map((rule, index) => ({ rule, pointer: joinPointer('/gates', index), isGate: true, applicableWhen: undefined })),
    ...ruleSet.checks.map((rule, index) => ({ rule, pointer: joinPointer('/checks', index), isGate: false, applicableWhen: rule.applicableWhen })),
  ];
}

/** A text of a rule set shown to people, in both languages, with its pointer. */
export interface LocatedText {
  readonly text: LocalizedText;
  readonly pointer: string;
  /** True for a template (`{fact.path}` placeholders are filled): messages and operation descriptions. */
  readonly isTemplate: boolean;
}

/** Every message and description of a rule set's gates, checks and operations. */
export function textsOf(ruleSet: RuleSetDocument): LocatedText[] {
  return [
    ...rulesOf(ruleSet).flatMap(({ rule, pointer }) => [
      { text: rule.message, pointer: joinPointer(pointer, 'message'), isTemplate: true },
      { text: rule.description, pointer: joinPointer(pointer, 'description'), isTemplate: false },
    ]),
    ...ruleSet.operations.map((operation, index) => ({ text: operation.description, pointer: joinPointer('/operations', index, 'description'), isTemplate: true })),
  ];
}

/** Where a rule set reads a fact value. */
export type ReferenceKind = 'condition' | 'parameter' | 'placeholder';

/** One read of a fact (and a path into it) by a rule set, with the pointer of what names the path. */
export interface LocatedReference {
  readonly fact: string;
  readonly path: string | undefined;
  readonly kind: ReferenceKind;
  /** The `path` property, the reference itself when it has no path, or the text holding the placeholder. */
  readonly pointer: string;
  /** How the rule set writes it: `{posizione.stato}` for a placeholder, `posizione $.stato` otherwise. */
  readonly written: string;
}

function reference(fact: string, path: string | undefined, kind: ReferenceKind, at: string): LocatedReference {
  return { fact, path, kind, pointer: path === undefined ? at : joinPointer(at, 'path'), written: path === undefined ? fact : `${fact} ${path}` };
}

function parameterReferences(params: Readonly<Record<string, ParamValue>>, pointer: string): LocatedReference[] {
  return Object.entries(params).flatMap(([name, value]) => (isFactReference(value) ? [reference(value.fact, value.path, 'parameter', joinPointer(pointer, name))] : []));
}

/** The fact reads of a condition tree: each leaf's fact and, when it is a reference, its value. */
export function conditionReferences(condition: Condition | undefined, pointer: string): LocatedReference[] {
  if (condition === undefined) return [];
  return leavesOf(condition, pointer).flatMap(({ leaf, pointer: at }) => [
    reference(leaf.fact, leaf.path, 'condition', at),
    ...(isFactReference(leaf.value) ? [reference(leaf.value.fact, leaf.value.path, 'condition', joinPointer(at, 'value'))] : []),
  ]);
}

/** Every fact read of a rule set: conditions, fact parameters, operation parameters and message placeholders. */
export function referencesOf(ruleSet: RuleSetDocument): LocatedReference[] {
  const found: LocatedReference[] = [];
  for (const [name, declaration] of Object.entries(ruleSet.facts)) {
    const at = joinPointer('/facts', name);
    if ('inForce' in declaration) found.push(...parameterReferences({ on: declaration.on }, at));
    else found.push(...parameterReferences(argumentsOf(declaration), joinPointer(at, 'port' in declaration ? 'params' : 'args')));
  }
  for (const { rule, pointer, applicableWhen } of rulesOf(ruleSet)) {
    found.push(...conditionReferences(rule.conditions, joinPointer(pointer, 'conditions')), ...conditionReferences(applicableWhen, joinPointer(pointer, 'applicableWhen')));
  }
  ruleSet.operations.forEach((operation, index) => found.push(...parameterReferences(operation.params, joinPointer('/operations', index, 'params'))));
  for (const { text, pointer } of textsOf(ruleSet).filter((item) => item.isTemplate)) {
    for (const locale of ['it', 'en'] as const) {
      for (const placeholder of placeholdersOf(text[locale])) {
        // {outcome.…} in an operation description is what the action returned, not a fact read.
        if (placeholder.fact === OPERATION_OUTCOME && pointer.startsWith('/operations/')) continue;
        found.push({ fact: placeholder.fact, path: placeholder.path, kind: 'placeholder', pointer: joinPointer(pointer, locale), written: placeholder.raw });
      }
    }
  }
  return found;
}
