// 人工核验 (CH-8): a masked report, or an arrival, that fits more than one customer waits here. The
// channel assistant picks the customer it meant (or recognises none) and writes why; the decision is a
// fact. A candidate shown masked is confirmed by typing the customer's full number.
import { App, Card, Empty, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ManualCheck } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { ReasonCommandForm } from './reason-command-form.component.tsx';

const NONE = '';

function CheckCard({ check, onDecided }: { readonly check: ManualCheck; readonly onDecided: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { nameOf } = useStaffNames();
  const [choice, setChoice] = useState<string>(check.candidates[0]?.phone ?? NONE);
  const [typed, setTyped] = useState('');
  const chosen = check.candidates.find((c) => c.phone === choice) ?? null;
  const phone = chosen ? (chosen.masked ? typed.trim() : chosen.phone) : null;
  return (
    <Card
      size="small"
      data-testid={`check-${check.ref}`}
      title={
        <Space size={4} wrap>
          <Tag>{t(`ch.checkKind.${check.kind}`)}</Tag>
          <span>{nameOf(check.broker)}</span>
          <Typography.Text code>{check.mask}</Typography.Text>
        </Space>
      }
      extra={check.atLocal ?? ''}
    >
      <Radio.Group value={choice} onChange={(e) => setChoice(String(e.target.value))} data-testid="check-choice">
        <Space direction="vertical">
          {check.candidates.map((c) => (
            <Radio key={c.phone} value={c.phone}>
              {c.name ?? ''} {c.phone}
            </Radio>
          ))}
          <Radio value={NONE}>{t('ch.checkNone')}</Radio>
        </Space>
      </Radio.Group>
      <ReasonCommandForm
        name="decideManualCheck"
        testId={`decide-${check.ref}`}
        submitLabel={t('ch.decide')}
        body={(reason) => ({ ref: check.ref, recognised: chosen !== null, ...(phone ? { phone } : {}), reason })}
        onDone={() => {
          void message.success(t('ch.decided'));
          onDecided();
        }}
      >
        {chosen?.masked && (
          <Form.Item label={t('ch.fullNumber')} required>
            <Input inputMode="tel" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="check-phone" />
          </Form.Item>
        )}
      </ReasonCommandForm>
    </Card>
  );
}

export function ManualChecks({ checks, onDecided }: { readonly checks: readonly ManualCheck[]; readonly onDecided: () => void }) {
  const { t } = useI18n();
  if (checks.length === 0) return <Empty description={t('ch.noChecks')} data-testid="checks-empty" />;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="manual-checks">
      {checks.map((c) => (
        <CheckCard key={c.ref} check={c} onDecided={onDecided} />
      ))}
    </Space>
  );
}
