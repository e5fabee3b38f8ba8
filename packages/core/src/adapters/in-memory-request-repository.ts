import { produce } from 'immer';
import { versionConflict } from '../requests/repository-errors.js';
import type { LifecycleRequest } from '../requests/request-state.js';
import type { RequestRepository } from '../request-list/request-repository.js';
import { selectRequests } from '../request-list/request-query.js';

/** An in-memory {@link RequestRepository}: for tests, demos and single-process hosts. */
export interface InMemoryRequestRepository extends RequestRepository {
  /** Every stored request, in insertion order. */
  readonly all: () => readonly LifecycleRequest[];
}

/**
 * Creates an in-memory request repository with optimistic concurrency. Requests are immutable, so the
 * repository stores them as they are; `list` filters dates in `timeZone` (default Europe/Rome).
 *
 * @example
 * const repository = createInMemoryRequestRepository();
 * const saved = await repository.save(openRequest(submitEvent)); // version 1
 */
export function createInMemoryRequestRepository(options: { readonly timeZone?: string } = {}): InMemoryRequestRepository {
  const requests = new Map<string, LifecycleRequest>();
  return {
    async get(protocollo) {
      return requests.get(protocollo);
    },
    async save(request) {
      const stored = requests.get(request.protocollo);
      if ((stored?.version ?? 0) !== request.version) throw versionConflict(request.protocollo, request.version, stored?.version);
      const saved = produce(request, (draft) => {
        draft.version = request.version + 1;
      });
      requests.set(request.protocollo, saved);
      return saved;
    },
    async list(query = {}) {
      return selectRequests(requests.values(), query, options.timeZone);
    },
    all: () => [...requests.values()],
  };
}
