import type { LifecycleRequest } from '../requests/request-state.js';
import type { RequestPage, RequestQuery } from './request-query.js';

/**
 * Where the host keeps requests. `save` uses optimistic concurrency: it stores the request only when
 * the stored version is still `request.version` (0 for a new request), and returns it with the version
 * incremented; otherwise it throws `versionConflict(…)` (`VERSION_CONFLICT`). `list` filters, sorts
 * newest first and paginates as `selectRequests` does.
 *
 * @example
 * const repository: RequestRepository = createInMemoryRequestRepository(); // in production: your database adapter
 */
export interface RequestRepository {
  get(protocollo: string): Promise<LifecycleRequest | undefined>;
  save(request: LifecycleRequest): Promise<LifecycleRequest>;
  list(query?: RequestQuery): Promise<RequestPage>;
}
