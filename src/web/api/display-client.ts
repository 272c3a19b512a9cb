// tv-pairing (issue 16.1): the floor TV's calls (no session: its display cookie) and the manager's displays.
import type { DisplayRecord, DisplaySelf, PairingCode, PairingStateAnswer } from '../../contracts/index.ts';
import { request, seg } from './http.ts';

/** The TV asks for a code to show; its secret comes back in its cookie. */
export function startPairing(): Promise<PairingCode> {
  return request<PairingCode>('POST', '/api/display-pairing');
}

export function pairingState(): Promise<PairingStateAnswer> {
  return request<PairingStateAnswer>('GET', '/api/display-pairing');
}

export function getDisplaySelf(): Promise<DisplaySelf> {
  return request<DisplaySelf>('GET', '/api/display');
}

export function listDisplays(project: string): Promise<readonly DisplayRecord[]> {
  return request<{ displays: readonly DisplayRecord[] }>('GET', `/api/projects/${seg(project)}/displays`).then((r) => r.displays);
}

export function pairDisplay(project: string, body: { readonly code: string; readonly name: string }): Promise<DisplayRecord> {
  return request<DisplayRecord>('POST', `/api/projects/${seg(project)}/displays`, body);
}

export function revokeDisplay(project: string, id: string): Promise<DisplayRecord> {
  return request<DisplayRecord>('POST', `/api/projects/${seg(project)}/displays/${seg(id)}/revoke`);
}
