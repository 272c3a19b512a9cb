// tv-pairing (issue 16.1): how a paired floor display is let in. Its credential is the `anchang_display` cookie
// the TV was given when it asked for a pairing code; once a manager has entered that code, the cookie opens the
// board's reads of that one project (DISPLAY_MAY) and the display's own description — nothing else, since a
// display is not a person. A revoked credential is refused with its own code, so the TV can say so.
import type { FastifyRequest } from 'fastify';
import { displayOfToken, touchDisplay } from '../accounts/displays-store.ts';
import { DISPLAY_MAY, type Caller } from './access.policy.ts';
import type { Access, RequestContext } from './api-route.ts';
import type { AuthDeps } from './auth.plugin.ts';
import { ApiError, type Lang } from './error-map.ts';

export const DISPLAY_COOKIE = 'anchang_display';
/** Chromium keeps a cookie 400 days at most; the TV's is renewed whenever it loads the board. */
export const DISPLAY_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/**
 * The context of a request made with a display credential, or null when the request carries none that is known
 * (then it is an anonymous request). Throws when the credential is revoked, or asks for more than the board.
 */
export async function displayContext(req: FastifyRequest, deps: AuthDeps, lang: Lang, access: Access): Promise<RequestContext | null> {
  const siteWide = access === 'display';
  const endpoint = typeof access === 'object' ? access.endpoint : null;
  if (!siteWide && endpoint === null) return null;
  const token = req.cookies[DISPLAY_COOKIE] ?? '';
  const record = token === '' ? null : await displayOfToken(deps.db, token);
  if (!record) {
    if (siteWide) throw new ApiError('display_unpaired');
    return null;
  }
  if (record.revokedAt !== null) throw new ApiError('display_revoked');
  await touchDisplay(deps.db, record.id, deps.clock());
  const known = { lang, token: null, session: null, display: { record, token } };
  if (siteWide) return { ...known, caller: null, handle: null };
  const project = (req.params as { project?: unknown }).project;
  if (endpoint === null || !DISPLAY_MAY.includes(endpoint) || project !== record.project) throw new ApiError('forbidden', { detail: 'a paired display may only read its own board' });
  const handle = await deps.offices.open(record.project);
  if (!handle) throw new ApiError('not_found', { detail: 'no such project' });
  const caller: Caller = { userId: `display:${record.id}`, login: `display:${record.name}`, role: 'display', grant: 'any', staffId: null, brokerId: null };
  return { ...known, caller, handle };
}
