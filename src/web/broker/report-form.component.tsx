// 报备客户 on the broker's phone: the customer's number (in full, or masked 前三后四 / 前四后三 as the
// project's CH-8 knob asks), their name and when they are expected to visit. One Idempotency-Key per
// attempt series: a double tap, or a retry after a lost answer, records one report. Refusals land on
// their field or on the form, in words.
import { Button, Card, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert, type Problem } from '../shared/error-alert.component.tsx';
import { showFormError } from '../shared/form-errors.ts';
import { fullNumberProblem, MASK_SHAPE, maskedNumber, maskPartProblem, type ReportNumber } from './masked-phone.ts';

export interface ReportDraft {
  /** The full number, or the masked one (138****5678). */
  readonly phone: string;
  readonly name: string;
  readonly expectedAt: number;
}

interface Values {
  phone?: string;
  head?: string;
  tail?: string;
  name?: string;
  expectedAt?: Dayjs;
}

const FIELDS = ['phone', 'head', 'tail', 'name', 'expectedAt'];

/** The next half hour plus the lead time: the earliest visit CH-5 lets a distributor announce now. */
function earliestVisit(leadMinutes: number): Dayjs {
  const at = dayjs().add(leadMinutes + 5, 'minute');
  return at.minute(at.minute() < 30 ? 30 : 60).second(0).millisecond(0);
}

export function ReportForm({
  mode,
  leadMinutes,
  onSubmit,
}: {
  readonly mode: ReportNumber;
  /** CH-5's minimum lead time for this broker (0 when none applies). */
  readonly leadMinutes: number;
  /** Sends the report with the attempt's idempotency key; throws what the server refused. */
  readonly onSubmit: (draft: ReportDraft, idempotencyKey: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const key = useRef(newIdempotencyKey());
  /** A second tap before the first answer sends nothing (and would reuse the key if it did). */
  const inFlight = useRef(false);

  const finish = useCallback(
    async (values: Values) => {
      if (inFlight.current) return;
      inFlight.current = true;
      const phone = mode === 'full' ? (values.phone ?? '').trim() : maskedNumber(mode, (values.head ?? '').trim(), (values.tail ?? '').trim());
      const draft: ReportDraft = { phone, name: (values.name ?? '').trim(), expectedAt: (values.expectedAt ?? earliestVisit(leadMinutes)).valueOf() };
      setBusy(true);
      setProblem(null);
      try {
        await onSubmit(draft, key.current);
        key.current = newIdempotencyKey();
        form.resetFields();
      } catch (error) {
        setProblem(showFormError(form, t, error, FIELDS));
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [mode, leadMinutes, onSubmit, form, t],
  );

  const rule = (check: (v: string | undefined) => string | null) => ({
    validator: async (_r: unknown, v: string | undefined) => {
      const p = check(v);
      if (p) throw new Error(t(p as Parameters<typeof t>[0]));
    },
  });

  return (
    <Card size="small" title={t('broker.reportTitle')} className="broker-report-form" data-testid="report-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ expectedAt: earliestVisit(leadMinutes) }}
        onFinish={(v) => void finish(v)}
        onValuesChange={() => {
          setProblem(null);
          key.current = newIdempotencyKey();
        }}
        requiredMark
      >
        {mode === 'full' ? (
          <Form.Item name="phone" label={t('field.phone')} required rules={[rule(fullNumberProblem)]} validateTrigger="onBlur">
            <Input inputMode="tel" autoComplete="off" data-testid="report-phone" />
          </Form.Item>
        ) : (
          <Form.Item label={t(mode === 'first3last4' ? 'broker.maskedFirst3Last4' : 'broker.maskedFirst4Last3')} required>
            <Space.Compact block>
              <Form.Item name="head" noStyle rules={[rule((v) => maskPartProblem(v, MASK_SHAPE[mode].head))]}>
                <Input inputMode="numeric" maxLength={MASK_SHAPE[mode].head} placeholder={t('broker.maskHead', { n: MASK_SHAPE[mode].head })} data-testid="report-head" />
              </Form.Item>
              <Input className="mask-stars" value="****" disabled tabIndex={-1} />
              <Form.Item name="tail" noStyle rules={[rule((v) => maskPartProblem(v, MASK_SHAPE[mode].tail))]}>
                <Input inputMode="numeric" maxLength={MASK_SHAPE[mode].tail} placeholder={t('broker.maskTail', { n: MASK_SHAPE[mode].tail })} data-testid="report-tail" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('check.nameRequired') }, { max: 64, message: t('check.tooLong') }]}>
          <Input autoComplete="off" data-testid="report-name" />
        </Form.Item>
        <Form.Item name="expectedAt" label={t('broker.expectedAt')} rules={[{ required: true, message: t('broker.expectedRequired') }]} extra={leadMinutes > 0 ? t('broker.leadHint', { n: leadMinutes }) : undefined}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" inputReadOnly style={{ width: '100%' }} data-testid="report-expected" />
        </Form.Item>
        <ErrorAlert problem={problem} testId="report-error" />
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="report-submit">
          {t('broker.reportSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
