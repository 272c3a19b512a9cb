// One admin write at a time: busy while it runs, a success message after, the problem on the page if it
// failed, then whatever the screen reloads.
import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { Problem } from '../shared/error-alert.component.tsx';
import { problemOf } from '../shared/error-alert.component.tsx';

export function useAdminAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const run = useCallback(
    async (work: () => Promise<unknown>, done: string, then?: () => void): Promise<boolean> => {
      setBusy(true);
      setProblem(null);
      try {
        await work();
        void message.success(done);
        then?.();
        return true;
      } catch (error) {
        setProblem(problemOf(error));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  return { run, busy, problem, clearProblem: () => setProblem(null) };
}
