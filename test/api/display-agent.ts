// tv-pairing: a floor TV in the API tests — it asks for a code (anonymous, like the /pair page), the manager
// enters it, and from then on its requests carry its display cookie and no session.
import type { LightMyRequestResponse } from 'fastify';
import { p, type CallOptions, type Harness } from './api-harness.ts';

export interface DisplayAgent {
  readonly token: string;
  readonly id: string;
  call(method: string, url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
}

/** A TV that asked for a code and is not paired yet. */
export async function waitingDisplay(h: Harness): Promise<{ token: string; code: string; call: DisplayAgent['call'] }> {
  const asked = await h.anonymous('POST', '/api/display-pairing');
  if (asked.statusCode !== 201) throw new Error(`pairing code refused: ${asked.statusCode} ${asked.body}`);
  const cookie = asked.cookies.find((c) => c.name === 'anchang_display');
  if (!cookie) throw new Error('no display cookie');
  const token = cookie.value;
  const call: DisplayAgent['call'] = (method, url, o = {}) => h.anonymous(method, url, { ...o, headers: { ...(o.headers ?? {}), cookie: `anchang_display=${token}` } });
  return { token, code: (asked.json() as { code: string }).code, call };
}

/** A TV the manager has paired with project p1 under `name`. */
export async function pairedDisplay(h: Harness, name = '大厅电视'): Promise<DisplayAgent> {
  const tv = await waitingDisplay(h);
  const m = await h.agent('manager');
  const paired = await m.call('POST', p('/displays'), { body: { code: tv.code, name } });
  if (paired.statusCode !== 201) throw new Error(`pairing refused: ${paired.statusCode} ${paired.body}`);
  return { token: tv.token, id: (paired.json() as { id: string }).id, call: tv.call };
}
