// A read from the API for a component: the latest answer (kept while a newer one loads), the problem if
// it failed, and `reload`. An answer that comes back after the inputs changed is dropped.
import { useCallback, useEffect, useState } from 'react';
import { problemOf, type Problem } from './error-alert.component.tsx';

export interface Loaded<T> {
  readonly data: T | null;
  readonly problem: Problem;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (answer) => {
        if (!live) return;
        setData(answer);
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setProblem(problemOf(error));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on, like useEffect's own list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  return { data, problem, loading, reload };
}
