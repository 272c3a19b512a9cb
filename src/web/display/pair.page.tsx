// /pair on a floor TV (tv-pairing, issue 16.1): the 6-digit code the manager enters in 经理工作台 › 显示屏,
// renewed when it expires; once paired, the TV opens its board (/tv). Nobody signs in on the TV.
import { Result, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PairingCode } from '../../contracts/index.ts';
import { pairingState, startPairing } from '../api/display-client.ts';
import { LanguageSwitch } from '../app/workspace-layout.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { clock, DEFAULT_ZONE } from '../shared/format-time.ts';

const POLL_MS = 1500;

export function PairPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState<PairingCode | null>(null);
  const [offline, setOffline] = useState(false);
  const [paired, setPaired] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = async () => {
      try {
        const state = await pairingState();
        if (stopped) return;
        setOffline(false);
        if (state.state === 'paired') {
          setPaired(true);
          navigate('/tv', { replace: true });
          return;
        }
        // No live code (first visit, expired, or unpaired since): ask for a fresh one.
        if (state.state === 'waiting') setCode({ code: state.code, expiresAt: state.expiresAt });
        else setCode(await startPairing());
      } catch {
        if (!stopped) setOffline(true);
      }
      if (!stopped) timer = setTimeout(() => void step(), POLL_MS);
    };
    void step();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [navigate]);

  return (
    <div className="board pair-page" data-testid="pair-page">
      <header className="board-header">
        <span className="board-title">{t('pair.title')}</span>
        <LanguageSwitch />
      </header>
      <Result
        icon={code ? <></> : <Spin size="large" />}
        title={
          code ? (
            <span className="pair-code" data-testid="pair-code">
              {code.code}
            </span>
          ) : (
            t('pair.waiting')
          )
        }
        subTitle={
          <>
            <Typography.Paragraph className="pair-help">{t(paired ? 'pair.paired' : 'pair.instructions')}</Typography.Paragraph>
            {code && <Typography.Paragraph type="secondary">{t('pair.expires', { time: clock(code.expiresAt, locale, DEFAULT_ZONE) })}</Typography.Paragraph>}
            {offline && (
              <Typography.Paragraph type="warning" data-testid="pair-offline">
                {t('pair.offline')}
              </Typography.Paragraph>
            )}
          </>
        }
      />
    </div>
  );
}
