// The 销控 grid, live: read once, then again ~150 ms after the stream reports new facts (a burst of facts
// is one read), each read conditional on the last ETag so an unchanged grid costs a 304 and keeps its data.
// The board's buildings are rebuilt keeping the ones that did not change (see grid-model.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import { getUnitGrid } from '../api/api-client.ts';
import type { UnitGridView } from '../../contracts/index.ts';
import { problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { buildBoard, type BuildingModel } from './grid-model.ts';

export const LIVE_DEBOUNCE_MS = 150;

export interface UnitGridState {
  readonly grid: UnitGridView | null;
  readonly buildings: readonly BuildingModel[];
  readonly problem: Problem;
  readonly loading: boolean;
  /** Read again now (after this page's own command, say). */
  readonly refresh: () => void;
}

/** `liveSeq` is the newest fact's seq the stream reported; each change schedules a read. */
export function useUnitGrid(project: string, liveSeq: number): UnitGridState {
  const [grid, setGrid] = useState<UnitGridView | null>(null);
  const [buildings, setBuildings] = useState<readonly BuildingModel[]>([]);
  const [problem, setProblem] = useState<Problem>(null);
  const [loading, setLoading] = useState(true);
  const etag = useRef<string | null>(null);
  const previous = useRef<readonly BuildingModel[]>([]);
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const read = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      const answer = await getUnitGrid(project, etag.current);
      if (!alive.current) return;
      if (answer.body) {
        etag.current = answer.etag;
        const next = buildBoard(answer.body.cells, answer.body.buildings, previous.current);
        previous.current = next;
        setGrid(answer.body);
        setBuildings(next);
      }
      setProblem(null);
    } catch (error) {
      if (alive.current) setProblem(problemOf(error));
    } finally {
      inFlight.current = false;
      if (alive.current) setLoading(false);
      if (again.current && alive.current) {
        again.current = false;
        void read();
      }
    }
  }, [project]);

  useEffect(() => {
    alive.current = true;
    etag.current = null;
    previous.current = [];
    void read();
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [read]);

  useEffect(() => {
    // A pending read takes the later facts too; never postponed, so a steady stream still shows within ~150 ms.
    if (liveSeq === 0 || timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void read();
    }, LIVE_DEBOUNCE_MS);
  }, [liveSeq, read]);

  const refresh = useCallback(() => void read(), [read]);
  return { grid, buildings, problem, loading, refresh };
}
