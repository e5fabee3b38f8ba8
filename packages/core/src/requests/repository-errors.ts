import { SmartTaskError, issue } from '../errors.js';

/**
 * The error a repository throws when a request changed since it was read (`VERSION_CONFLICT`): read it
 * again, re-apply the event, save again.
 */
export function versionConflict(protocollo: string, expected: number, stored: number | undefined): SmartTaskError {
  const found = stored === undefined ? 'no stored request' : `stored version ${stored}`;
  const fix = expected === 0 ? 'A new request needs a protocollo no other request has.' : 'Another writer changed it: read the request again, re-apply the event and save again.';
  return new SmartTaskError('Version conflict', [
    issue('VERSION_CONFLICT', `<request ${protocollo}>`, '/version', `Request ${protocollo} was read at version ${expected} but there is ${found}. ${fix}`, {
      protocollo,
      expectedVersion: expected,
      ...(stored !== undefined && { storedVersion: stored }),
    }),
  ]);
}

/** The error for a protocollo the repository does not hold (`UNKNOWN_PROTOCOLLO`). */
export function unknownProtocollo(protocollo: string): SmartTaskError {
  return new SmartTaskError('Unknown request', [
    issue('UNKNOWN_PROTOCOLLO', `<request ${protocollo}>`, '', `There is no request with protocollo ${JSON.stringify(protocollo)}. Check the number, or that the request was saved in this repository.`, { protocollo }),
  ]);
}
