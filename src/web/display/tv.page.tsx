// /tv (tv-pairing, issue 16.1): the board on a paired floor TV, with the display's own credential — no staff
// session, so it does not end after 12 hours. It reconnects by itself; when a manager unpairs it, it shows
// 已解除配对 and how to pair again. An unpaired TV is sent to /pair.
import { Button, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DisplaySelf } from '../../contracts/index.ts';
import { isApiError } from '../api/api-error.ts';
import { getDisplaySelf } from '../api/display-client.ts';
import { FloorBoard } from '../floor/floor-board.page.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';

const RETRY_MS = 3000;

function Unpaired() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="board" data-testid="tv-revoked">
      <Result
        status="warning"
        title={t('tv.revokedTitle')}
        subTitle={
          <>
            <Typography.Paragraph>{t('tv.revokedHelp')}</Typography.Paragraph>
            <Typography.Paragraph>{t('tv.howToPair')}</Typography.Paragraph>
          </>
        }
        extra={
          <Button type="primary" size="large" data-testid="tv-pair-again" onClick={() => navigate('/pair')}>
            {t('tv.pairAgain')}
          </Button>
        }
      />
    </div>
  );
}

export function TvPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [display, setDisplay] = useState<DisplaySelf | null>(null);
  const [revoked, setRevoked] = useState(false);
  const onRevoked = useCallback(() => setRevoked(true), []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      getDisplaySelf().then(
        (self) => {
          if (!stopped) setDisplay(self);
        },
        (error: unknown) => {
          if (stopped) return;
          if (isApiError(error) && error.code === 'display_revoked') setRevoked(true);
          else if (isApiError(error) && error.code === 'display_unpaired') navigate('/pair', { replace: true });
          // The server is not reachable yet (the TV came on before it): try again.
          else timer = setTimeout(load, RETRY_MS);
        },
      );
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [navigate]);

  if (revoked) return <Unpaired />;
  if (!display)
    return (
      <div className="board" data-testid="tv-connecting">
        <Result icon={<Spin size="large" />} title={t('tv.connecting')} />
      </div>
    );
  return <FloorBoard project={display.project} title={`${display.projectName ?? display.project} · ${display.name}`} zone={display.zone} onRevoked={onRevoked} />;
}
