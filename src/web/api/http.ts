// The one place the app talks HTTP: same-origin JSON with the session cookie, the CSRF token on every
// write (X-CSRF-Token), an Idempotency-Key on every write so a retried submit records nothing twice,
// and failures turned into ApiError with a stable code.
import { ApiError, errorFromBody } from './api-error.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface WriteOptions {
  /** Reuse the same key when the same action is retried (a double click, a lost response). */
  readonly idempotencyKey?: string;
  /** A long write (a register import of many rows) waits longer than the usual 15 s. */
  readonly timeoutMs?: number;
}

let csrfToken: string | null = null;
let language = 'zh-CN';
const unauthorisedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The language the server words its messages in (Accept-Language); the page translates codes itself. */
export function setRequestLanguage(locale: string): void {
  language = locale;
}

/** Called when any request answers 401: the session ended (expired, or signed out elsewhere). */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

const TIMEOUT_MS = 15_000;

export async function request<T>(method: Method, path: string, body?: unknown, options: WriteOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', String(error));
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'bad_response', text.slice(0, 200));
    }
  }
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorisedListeners) listener();
    const error = errorFromBody(response.status, parsed);
    console.warn('[api]', method, path, error.message);
    throw error;
  }
  return parsed as T;
}

/** A conditional read's answer: the fresh body and its ETag, or `null` when the server said 304 (keep yours). */
export interface Conditional<T> {
  readonly body: T | null;
  readonly etag: string | null;
}

/**
 * GET with If-None-Match: a 304 (nothing changed since `etag`) answers `body: null`, so the caller keeps
 * what it has. The conditional header makes the browser pass the 304 through instead of answering from
 * its cache, and `no-store` keeps a second copy of a large answer out of it.
 */
export async function requestIfChanged<T>(path: string, etag: string | null): Promise<Conditional<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (etag) headers['if-none-match'] = etag;
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', headers, credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', String(error));
  }
  if (response.status === 304) return { body: null, etag };
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    if (response.ok) throw new ApiError(response.status, 'bad_response', text.slice(0, 200));
  }
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorisedListeners) listener();
    throw errorFromBody(response.status, parsed);
  }
  return { body: parsed as T, etag: response.headers.get('etag') };
}

/** Encodes a path segment (phones contain + and spaces). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

export function query(params: Readonly<Record<string, string | number | boolean | null | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A POST whose answer is a file (the register import's rejects): the file's bytes, or an ApiError. */
export async function requestFile(path: string, body: unknown, options: WriteOptions = {}): Promise<Blob> {
  const headers: Record<string, string> = { accept: '*/*', 'accept-language': language, 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey ?? newIdempotencyKey() };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', String(error));
  }
  if (!response.ok) {
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(await response.text());
    } catch {
      // not JSON: the status says enough
    }
    throw errorFromBody(response.status, parsed);
  }
  return response.blob();
}
