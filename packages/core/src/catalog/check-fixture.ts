import type { PortContractDocument, PortFixture } from '@smart-task/schemas';
import { issue, type Issue } from '../errors.js';
import { joinPointer } from '../json/pointer.js';
import { didYouMean, quoteList } from '../text/suggest.js';

/** Checks that every fact and action a port fixture answers exists in the port contract. */
export function checkFixtureAgainstContract(fixture: PortFixture | undefined, contract: PortContractDocument, file: string, pointer = ''): Issue[] {
  const issues: Issue[] = [];
  const facts = Object.keys(contract.facts);
  const actions = Object.keys(contract.actions);
  for (const fact of Object.keys(fixture?.facts ?? {})) {
    if (!contract.facts[fact]) {
      issues.push(issue('UNKNOWN_PORT_FACT', file, joinPointer(pointer, 'facts', fact), `The port contract has no fact "${fact}".${didYouMean(fact, facts)} Answer one of ${quoteList(facts)}.`));
    }
  }
  for (const action of Object.keys(fixture?.actions ?? {})) {
    if (!contract.actions[action]) {
      issues.push(issue('UNKNOWN_ACTION', file, joinPointer(pointer, 'actions', action), `The port contract has no action "${action}".${didYouMean(action, actions)} Use one of ${quoteList(actions)}.`));
    }
  }
  return issues;
}
