// The escort code of one live report, fetched when the broker opens it and fetched again as each code
// runs out (codes are short-lived and single-use: CH-10), so the phone always shows one that works.
import { Button } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getEscortCode } from '../api/channel-client.ts';
import type { EscortCode as EscortCodeAnswer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { EscortCode } from './escort-code.component.tsx';

export function EscortPanel({ report }: { readonly report: number }) {
  const { t } = useI18n();
  const { project } = useProject();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState<EscortCodeAnswer | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [loading, setLoading] = useState(false);
  const asking = useRef(false);

  const fetchCode = useCallback(async () => {
    if (asking.current) return;
    asking.current = true;
    setLoading(true);
    try {
      setCode(await getEscortCode(project, report));
      setProblem(null);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      asking.current = false;
      setLoading(false);
    }
  }, [project, report]);

  useEffect(() => {
    if (open) void fetchCode();
  }, [open, fetchCode]);

  if (!open)
    return (
      <Button type="primary" ghost block onClick={() => setOpen(true)} data-testid="show-escort">
        {t('broker.showCode')}
      </Button>
    );
  return (
    <div className="escort-panel">
      <ErrorAlert problem={problem} testId="escort-problem" />
      {code && <EscortCode code={{ token: code.token, digits: code.code, expiresAt: code.expiresAt }} onExpired={() => void fetchCode()} loading={loading} />}
      <Button type="link" block onClick={() => setOpen(false)} data-testid="hide-escort">
        {t('broker.hideCode')}
      </Button>
    </div>
  );
}
