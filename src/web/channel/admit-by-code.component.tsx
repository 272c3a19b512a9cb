// The channel assistant admits a broker-brought party too (CH-6, CH-10): the customer's phone, then the
// broker's code, as at the front desk; then the next party.
import { Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { EscortAdmission } from '../front-desk/escort-admission.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { phoneProblem } from '../shared/phone-check.ts';

export function AdmitByCode({ onAdmitted }: { readonly onAdmitted: () => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const problem = typed.trim() === '' ? null : phoneProblem(typed, true);
  const next = () => {
    setTyped('');
    setPhone(null);
    setRound((r) => r + 1);
  };
  return (
    <Card size="small" title={t('desk.escortTitle')} data-testid="channel-admit" style={{ maxWidth: 560 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          size="large"
          inputMode="tel"
          autoComplete="off"
          placeholder={t('field.phone')}
          status={problem ? 'error' : ''}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setPhone(null);
          }}
          onPressEnter={() => problem === null && typed.trim() !== '' && setPhone(typed.trim())}
          onBlur={() => problem === null && typed.trim() !== '' && setPhone(typed.trim())}
          data-testid="channel-admit-phone"
        />
        {problem && <div className="field-error">{t('check.phoneInvalid')}</div>}
        {phone && <EscortAdmission key={`${phone}-${round}`} phone={phone} onAdmitted={onAdmitted} />}
        <Button onClick={next} data-testid="channel-admit-next">
          {t('ch.nextParty')}
        </Button>
      </Space>
    </Card>
  );
}
