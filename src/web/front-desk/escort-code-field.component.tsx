// The desk's escort-code field (CH-10, 扫码带访): when a broker brings a party, the broker's code is typed
// (six digits) or scanned — a USB scanner types the QR's text and presses Enter, so both arrive here as
// keystrokes. Enter hands the code on; the field says what it holds before anything is asked.
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';

/** The code as the broker's phone shows it: six digits (spaces allowed), or the QR's longer token. */
export function readEscortCode(raw: string): string | null {
  const text = raw.trim();
  const digits = text.replace(/\s+/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  if (text.length >= 16 && !/\s/.test(text)) return text;
  return null;
}

export function EscortCodeField({ onSubmit, loading }: { readonly onSubmit: (code: string) => void; readonly loading: boolean }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [bad, setBad] = useState(false);
  const submit = () => {
    const code = readEscortCode(value);
    setBad(code === null);
    if (code !== null) onSubmit(code);
  };
  return (
    <div className="escort-field" data-testid="escort-field">
      <Space.Compact block>
        <Input
          size="large"
          autoComplete="off"
          status={bad ? 'error' : ''}
          aria-invalid={bad}
          placeholder={t('desk.escortPlaceholder')}
          value={value}
          onChange={(e) => {
            setBad(false);
            setValue(e.target.value);
          }}
          onPressEnter={submit}
          data-testid="escort-input"
        />
        <Button size="large" loading={loading} onClick={submit} data-testid="escort-submit">
          {t('desk.escortCheck')}
        </Button>
      </Space.Compact>
      <div className="field-error" role="alert" data-testid="escort-error">
        {bad && t('desk.escortInvalid')}
      </div>
    </div>
  );
}
