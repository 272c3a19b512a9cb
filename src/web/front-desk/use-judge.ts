// The front desk's question (判客) and its answer: judge by phone, or by surname and car plate (REG-4).
// The last query is kept so the card can be re-judged when the floor changes (the suggested receiver
// follows the queue).
import { useCallback, useRef, useState } from 'react';
import * as api from '../api/api-client.ts';
import type { Judgement } from '../../contracts/index.ts';

export type JudgeState = { readonly status: 'idle' } | { readonly status: 'loading' } | { readonly status: 'done'; readonly judgement: Judgement } | { readonly status: 'failed'; readonly error: unknown };

export function useJudge(project: string) {
  const [state, setState] = useState<JudgeState>({ status: 'idle' });
  const lastQuery = useRef<api.JudgeQuery | null>(null);
  const generation = useRef(0);

  const run = useCallback(
    async (q: api.JudgeQuery, quiet: boolean) => {
      const mine = ++generation.current;
      lastQuery.current = q;
      if (!quiet) setState({ status: 'loading' });
      try {
        const judgement = await api.judge(project, q);
        if (mine === generation.current) setState({ status: 'done', judgement });
      } catch (error) {
        if (mine === generation.current && !quiet) setState({ status: 'failed', error });
      }
    },
    [project],
  );

  const judge = useCallback((q: api.JudgeQuery) => run(q, false), [run]);
  /** Re-asks the last question without a spinner (the floor changed). */
  const refresh = useCallback(() => {
    if (lastQuery.current) void run(lastQuery.current, true);
  }, [run]);
  const clear = useCallback(() => {
    generation.current++;
    lastQuery.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, judge, refresh, clear, lastQuery };
}
