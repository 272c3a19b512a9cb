// One write at a time from a screen: busy while it runs, a success message after, the problem kept to show
// on the page as a sentence if it failed, then whatever the screen reloads.
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { problemOf, type Problem } from './error-alert.component.tsx';

export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const run = useCallback(
    async (work: () => Promise<unknown>, done?: string, then?: () => void): Promise<boolean> => {
      setBusy(true);
      setProblem(null);
      try {
        await work();
        if (done !== undefined) void message.success(done);
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
