// The live floor (ROT-15): the board from the server's SSE stream (`update` events carry the new facts'
// seq/type and the fresh board). The browser retries a dropped stream by itself; when it gives up
// (the server was down and answered nothing, or answered an error) we reopen it with a growing delay,
// and re-read the board over plain HTTP meanwhile — which also notices an ended session (401).
import { useEffect, useRef, useState } from 'react';
import { getFloor, streamUrl } from '../api/api-client.ts';
import { isApiError } from '../api/api-error.ts';
import type { Board, OwnerAlert } from '../../contracts/index.ts';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface FactSummary {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
}

interface LiveUpdate {
  readonly facts: readonly FactSummary[];
  readonly floor: Board;
}

export interface FloorStream {
  readonly board: Board | null;
  readonly status: StreamStatus;
  /** When the last update arrived (ms). */
  readonly updatedAt: number | null;
}

const MAX_DELAY_MS = 10_000;

function parseUpdate(data: string): LiveUpdate | null {
  try {
    const parsed = JSON.parse(data) as Partial<LiveUpdate>;
    return parsed && typeof parsed === 'object' && parsed.floor && Array.isArray(parsed.floor.seats) ? { facts: parsed.facts ?? [], floor: parsed.floor } : null;
  } catch {
    return null;
  }
}

function parseAlert(data: string): OwnerAlert | null {
  try {
    const parsed = JSON.parse(data) as Partial<OwnerAlert>;
    return parsed && typeof parsed === 'object' && typeof parsed.seq === 'number' && parsed.customer ? (parsed as OwnerAlert) : null;
  } catch {
    return null;
  }
}

/**
 * `onFacts` is called with the facts of every update after the first (the page refreshes what they touch);
 * `onOwnerAlert` with each RISK-2 alert the server sends this user alone (their customer walked in).
 */
export function useFloorStream(
  project: string,
  onFacts?: (facts: readonly FactSummary[]) => void,
  onOwnerAlert?: (alert: OwnerAlert) => void,
  /** tv-pairing: a paired display's credential was revoked (the stream said so, or a read was refused). */
  onRevoked?: () => void,
): FloorStream {
  const [board, setBoard] = useState<Board | null>(null);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const onFactsRef = useRef(onFacts);
  onFactsRef.current = onFacts;
  const onAlertRef = useRef(onOwnerAlert);
  onAlertRef.current = onOwnerAlert;
  const onRevokedRef = useRef(onRevoked);
  onRevokedRef.current = onRevoked;

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const apply = (next: Board) => {
      setBoard(next);
      setUpdatedAt(Date.now());
    };
    const revoked = () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      source = null;
      onRevokedRef.current?.();
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource(streamUrl(project));
      source.addEventListener('open', () => {
        failures = 0;
        setStatus('live');
      });
      source.addEventListener('update', (event) => {
        const update = parseUpdate((event as MessageEvent<string>).data);
        if (!update) return;
        apply(update.floor);
        if (update.facts.length > 0) onFactsRef.current?.(update.facts);
      });
      source.addEventListener('ownerAlert', (event) => {
        const alert = parseAlert((event as MessageEvent<string>).data);
        if (alert) onAlertRef.current?.(alert);
      });
      source.addEventListener('revoked', revoked);
      source.addEventListener('error', () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          setStatus('reconnecting');
          return;
        }
        source = null;
        setStatus('reconnecting');
        failures += 1;
        getFloor(project).then(apply, (error: unknown) => {
          if (isApiError(error) && error.code === 'display_revoked') revoked();
        });
        timer = setTimeout(open, Math.min(MAX_DELAY_MS, 500 * 2 ** Math.min(failures, 5)));
      });
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [project]);

  return { board, status, updatedAt };
}
