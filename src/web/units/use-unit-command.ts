// A unit's command from the drawer (hold, release, withdraw, edit): one Idempotency-Key per attempt series
// (a double click or a retry records once, a new one after success), busy while it runs, the refusal kept
// to show as a zh-CN sentence, a success message, and the grid re-read at once.
import { App } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { command, type CommandBodies, type CommandName } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useProject } from '../session/project.context.tsx';
import { problemOf, type Problem } from '../shared/error-alert.component.tsx';

export function useUnitCommand(onChanged: () => void) {
  const { message } = App.useApp();
  const { project } = useProject();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const key = useRef(newIdempotencyKey());

  const run = useCallback(
    async <C extends CommandName>(name: C, body: CommandBodies[C], done: string): Promise<boolean> => {
      setBusy(true);
      setProblem(null);
      try {
        await command(project, name, body, { idempotencyKey: key.current });
        key.current = newIdempotencyKey();
        void message.success(done);
        onChanged();
        return true;
      } catch (error) {
        setProblem(problemOf(error));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [project, message, onChanged],
  );

  return { run, busy, problem, clearProblem: () => setProblem(null) };
}
