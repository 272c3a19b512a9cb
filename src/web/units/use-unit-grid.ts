// The 销控 grid, live: read once, then again ~150 ms after the stream reports new facts (a burst of facts
// is one read), each read conditional on the last ETag so an unchanged grid costs a 304 and keeps its data,
// and asking only for the cells that moved since the grid held (a delta, merged here). The board's buildings
// are rebuilt keeping the ones that did not change (see grid-model.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import { getUnitGrid } from '../api/api-client.ts';
import type { UnitGridView } from '../../contracts/index.ts';
import { problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { buildBoard, mergeDelta, type BuildingModel } from './grid-model.ts';

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
  const held = useRef<UnitGridView | null>(null);

  const read = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      const answer = await getUnitGrid(project, etag.current, held.current?.asOfSeq);
      if (!alive.current) return;
      // A delta naming a unit the screen never had (a new unit) cannot be placed: read the whole grid.
      const whole = answer.body && (answer.body.since === undefined ? answer.body : held.current ? mergeDelta(held.current, answer.body) : null);
      if (answer.body && !whole) {
        held.current = null;
        etag.current = null;
        again.current = true;
      } else if (whole) {
        etag.current = answer.etag;
        held.current = whole;
        const next = buildBoard(whole.cells, whole.buildings, previous.current);
        previous.current = next;
        setGrid(whole);
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
    held.current = null;
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
