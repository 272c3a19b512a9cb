// 改判 (DEAL-5): the manager sets the credit against the records' outcome — a share per person (the closer,
// the claimant, 团奖) summing to 100% — and must write why; the reason is recorded with the decision.
import { Button, Form, Input, InputNumber, Typography } from 'antd';
import type { Answer, DisputeDossier } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { holderName, POOL } from '../orders/credit.ts';
import { creditOfPercents, sumOfPercents } from '../orders/override-shares.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

interface OverrideValues {
  shares: Record<string, number | null>;
  reason: string;
}

const FIELDS = ['reason'];

export function OverrideForm({ dossier, onDone }: { readonly dossier: DisputeDossier; readonly onDone: (answer: Answer) => void }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const [form] = Form.useForm<OverrideValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'resolve', FIELDS, onDone);
  const people = [...new Set([dossier.closerSide.who, dossier.claimantSide.who, POOL])];
  const initial = Object.fromEntries(people.map((who) => [who, Math.round((dossier.computed[who] ?? 0) * 1000) / 10]));
  const shares = Form.useWatch('shares', form) ?? initial;
  const sum = sumOfPercents(shares);
  return (
    <Form<OverrideValues>
      form={form}
      layout="vertical"
      initialValues={{ shares: initial }}
      onFinish={(v) => void submit({ unit: dossier.unit, override: { credit: creditOfPercents(v.shares), reason: v.reason.trim() } })}
      onValuesChange={clearProblem}
    >
      <Typography.Paragraph type="secondary">{t('disp.overrideHint')}</Typography.Paragraph>
      {people.map((who) => (
        <div className="override-share" key={who}>
          <Typography.Text>{holderName(who, t, nameOf)}</Typography.Text>
          <Form.Item name={['shares', who]} noStyle>
            <InputNumber<number> min={0} max={100} step={10} precision={1} suffix="%" style={{ width: '100%' }} data-testid={`override-share-${who}`} />
          </Form.Item>
        </div>
      ))}
      <Typography.Paragraph type={sum === 100 ? 'success' : 'danger'} data-testid="override-sum" data-sum={sum}>
        {sum === 100 ? t('disp.sumOk') : t('disp.sumWrong', { sum })}
      </Typography.Paragraph>
      <Form.Item name="reason" label={t('disp.overrideReason')} rules={[{ required: true, whitespace: true, message: t('check.reasonRequired') }, { max: 500, message: t('check.tooLong') }]}>
        <Input.TextArea rows={2} data-testid="override-reason" />
      </Form.Item>
      <ErrorAlert problem={problem} testId="override-error" />
      <Button type="primary" danger htmlType="submit" block loading={busy} disabled={sum !== 100} data-testid="override-submit">
        {t('disp.override')}
      </Button>
    </Form>
  );
}
