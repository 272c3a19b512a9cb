// A failure shown on the page: its code translated at render time (so it follows the language switch),
// never the server's own message.
import { Alert } from 'antd';
import { errorText } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

/** An error to show, or none; wrapped, because what was thrown can be any value, even undefined. */
export type Problem = { readonly error: unknown } | null;

export function problemOf(error: unknown): Problem {
  return { error };
}

export function ErrorAlert({ problem, testId, onClose }: { readonly problem: Problem; readonly testId?: string; readonly onClose?: () => void }) {
  const { t } = useI18n();
  if (!problem) return null;
  return <Alert type="error" showIcon title={errorText(t, problem.error)} className="form-alert" data-testid={testId} {...(onClose ? { closable: { onClose } } : {})} />;
}
