// The escort code of a live report (CH-10, 扫码带访): a QR of the signed token for the desk's scanner and
// the same code as six digits to read out; it is short-lived, so the card shows how long it lasts and asks
// for a fresh one when it runs out. No photo of the customer is ever taken.
import { Button, QRCode, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useNow } from '../shared/use-now.ts';
import { spacedDigits } from '../shared/escort-code-text.ts';

export interface EscortCodeShown {
  /** The signed token the QR carries (a USB scanner types it into the desk's field). */
  readonly token: string;
  /** The same code, six digits. */
  readonly digits: string;
  readonly expiresAt: number;
}

export function EscortCode({ code, onExpired, loading }: { readonly code: EscortCodeShown; readonly onExpired: () => void; readonly loading?: boolean }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const left = Math.max(0, Math.ceil((code.expiresAt - now) / 1000));
  // Ask for a fresh code once per code that runs out (not on every render while it stays expired).
  const askedFor = useRef<number | null>(null);
  useEffect(() => {
    if (left > 0 || askedFor.current === code.expiresAt) return;
    askedFor.current = code.expiresAt;
    onExpired();
  }, [left, code.expiresAt, onExpired]);
  return (
    <div className="escort-code" data-testid="escort-code">
      <QRCode value={code.token} size={168} status={left === 0 ? 'expired' : loading ? 'loading' : 'active'} onRefresh={onExpired} bordered={false} />
      <Space direction="vertical" size={2} align="center">
        <Typography.Text className="escort-digits" data-testid="escort-digits" data-digits={code.digits} copyable={{ text: code.digits }}>
          {spacedDigits(code.digits)}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="escort-left">
          {left > 0 ? t('broker.codeLeft', { n: left }) : t('broker.codeExpired')}
        </Typography.Text>
        {left === 0 && (
          <Button size="small" onClick={onExpired} loading={loading}>
            {t('broker.codeRefresh')}
          </Button>
        )}
      </Space>
    </div>
  );
}
