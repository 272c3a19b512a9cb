// The desk's escort-code field (CH-10, 扫码带访): when a broker brings a party, the broker's code is typed
// (six digits) or scanned — a USB scanner types the QR's text and presses Enter, so both arrive here as
// keystrokes. Enter hands the code on; the field says what it holds before anything is asked.
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { readEscortCode } from '../shared/escort-code-text.ts';

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
