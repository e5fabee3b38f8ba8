// The page's client of the example server's JSON API.

export type Locale = 'it' | 'en';
export type Renderer = 'rjsf' | 'jsonforms';

export interface Position {
  id: string;
  soggettoCf: string;
  matricola: string;
  denominazione: string;
}
export interface Identity {
  id: string;
  name: string;
  cf: string;
  profilo: string;
  profiloLabel: Record<Locale, string>;
  positions: Position[];
}
export interface TaskSummary {
  id: string;
  title: string;
  description: string;
  status: string;
  version: string;
}
export interface KnownValue {
  field: string;
  title: string;
  value: unknown;
  source: { fact: string; description: string };
}
export interface ReadyForm {
  status: 'ready';
  taskId: string;
  locale: Locale;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  jsonFormsUiSchema: Record<string, unknown>;
  known: KnownValue[];
  notices: { field: string; code: string; message: string }[];
  fieldMessages: Record<string, Record<string, string>>;
  canSubmit: boolean;
}
export type ComposedForm = ReadyForm | { status: 'not-allowed'; reasons: { code: string; message: Record<Locale, string> }[] } | { status: 'unavailable'; message: Record<Locale, string>; retryable: boolean };
export interface RequestIssue {
  code: string;
  pointer: string;
  field: string;
  message: Record<Locale, string>;
}
export interface ListRow {
  protocollo: string;
  task: { id: string; title: string };
  matricola: string;
  state: string;
  stateLabel: string;
  visibleState: string;
  submittedAt: string;
  updatedAt: string;
  outcome: string | null;
  decidedBy: string | null;
  smartTask: boolean;
  colorToken: string;
}
export interface ListPage {
  items: ListRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  open?: boolean;
}

/** An answer of the API that is not 2xx, with the server's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code: string; message: string }; issues?: RequestIssue[] },
  ) {
    super(body.error?.message ?? `HTTP ${status}`);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const parsed = (await response.json().catch(() => ({}))) as T & ApiError['body'];
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

/** GET with a query string built from the defined values. */
export const get = <T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> => {
  const search = new URLSearchParams(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );
  return call<T>('GET', search.size > 0 ? `${path}?${search}` : path);
};
export const post = <T>(path: string, body: unknown): Promise<T> => call<T>('POST', path, body);
