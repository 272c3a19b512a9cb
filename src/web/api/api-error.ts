// What a failed request becomes on the client: a stable code (from the server's {code, message}, or one
// of ours for the network), the HTTP status, and field-level problems when the server names fields.
// The server's `message` is kept for the console only; the page shows translated codes.

export type ClientErrorCode = 'network' | 'bad_response' | 'timeout';

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly details: unknown = undefined,
  ) {
    super(`${status} ${code}: ${serverMessage}`);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Reads the server's error body ({code, message} plus optional fields/issues/reasons) without trusting its shape. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body !== 'object' || body === null) return new ApiError(status, status === 0 ? 'network' : `http_${status}`, '');
  const record = body as Record<string, unknown>;
  const code = typeof record.code === 'string' ? record.code : `http_${status}`;
  const message = typeof record.message === 'string' ? record.message : '';
  return new ApiError(status, code, message, fieldsOf(record), record);
}

/** Field problems in the shapes a Fastify/zod API sends: `fields: {name: code}`, `fields: [{field, code}]`, `issues: [{path, code}]`, `field`. */
function fieldsOf(body: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const code = typeof body.code === 'string' ? body.code : 'invalid';
  const { fields, issues, field } = body;
  if (Array.isArray(fields)) {
    for (const f of fields) {
      if (f && typeof f === 'object' && typeof (f as { field?: unknown }).field === 'string') {
        const item = f as { field: string; code?: unknown };
        out.push({ field: item.field, code: typeof item.code === 'string' ? item.code : code });
      }
    }
  } else if (fields && typeof fields === 'object') {
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) out.push({ field: name, code: typeof value === 'string' ? value : code });
  }
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      if (!issue || typeof issue !== 'object') continue;
      const { path, code: issueCode } = issue as { path?: unknown; code?: unknown };
      const name = Array.isArray(path) ? path.filter((p) => typeof p === 'string').join('.') : typeof path === 'string' ? path.replace(/^\//, '') : '';
      if (name) out.push({ field: name, code: typeof issueCode === 'string' ? issueCode : code });
    }
  }
  if (typeof field === 'string') out.push({ field, code });
  return out;
}
