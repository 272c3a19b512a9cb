// The submit of a form that sends one command: one idempotency key per attempt series (a double click
// or a retry after a lost answer records once), field-level messages for refusals, a form message else.
import type { FormInstance } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { command, type CommandBodies, type CommandName } from '../api/api-client.ts';
import type { Answer } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import type { Problem } from '../shared/error-alert.component.tsx';
import { showFormError } from '../shared/form-errors.ts';

export function useCommandForm<C extends CommandName>(form: FormInstance, name: C, fields: readonly string[], onDone: (answer: Answer, body: CommandBodies[C]) => void) {
  const { t } = useI18n();
  const { project } = useProject();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const key = useRef(newIdempotencyKey());

  const submit = useCallback(
    async (body: CommandBodies[C]) => {
      setBusy(true);
      setProblem(null);
      try {
        const answer = await command(project, name, body, { idempotencyKey: key.current });
        key.current = newIdempotencyKey();
        onDone(answer, body);
      } catch (error) {
        setProblem(showFormError(form, t, error, fields));
      } finally {
        setBusy(false);
      }
    },
    [project, name, form, t, fields, onDone],
  );

  const resetKey = useCallback(() => {
    key.current = newIdempotencyKey();
    setProblem(null);
  }, []);

  return { submit, busy, problem, clearProblem: () => setProblem(null), resetKey };
}
