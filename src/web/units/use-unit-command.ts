// A unit's command from the drawer (hold, release, withdraw, edit): one Idempotency-Key per attempt series
// (a double click or a retry records once, a new one after success), busy while it runs, the refusal kept
// to show as a zh-CN sentence, a success message, and the grid re-read at once.
import { useCallback, useRef } from 'react';
import { command, type CommandBodies, type CommandName } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useProject } from '../session/project.context.tsx';
import { useAction } from '../shared/use-action.ts';

export function useUnitCommand(onChanged: () => void) {
  const { project } = useProject();
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const { run: runAction } = action;

  const run = useCallback(
    <C extends CommandName>(name: C, body: CommandBodies[C], done: string): Promise<boolean> =>
      runAction(async () => {
        await command(project, name, body, { idempotencyKey: key.current });
        key.current = newIdempotencyKey();
      }, done, onChanged),
    [project, runAction, onChanged],
  );

  return { ...action, run };
}
