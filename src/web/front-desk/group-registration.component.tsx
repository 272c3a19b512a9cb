// 团组登记 (REG-9): one arriving group of several households, each with its own intent, is registered as
// several customers at once — each household its own entry, all naming the group's arrival and the consultant
// who received it. Households are sent one after another; a refused one is shown on its row, the others stand.
// The receiving consultant is asked for as on the quick registration: an arrival nobody was free for (or a
// receiver the desk changes its mind about) still needs a consultant to register for (REG-1), since the desk
// itself owns no customer.
import { Alert, Button, Card, Form, Input, Radio, Space, Tag } from 'antd';
import { useRef, useState } from 'react';
import { commandRecorded } from '../api/register-hygiene-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { errorText } from '../api/error-text.ts';
import { phoneRule } from '../shared/form-rules.ts';
import { ReceivedByField } from '../customers/received-by-field.component.tsx';

interface Household {
  name?: string;
  gender?: 'M' | 'F';
  phone?: string;
  needs?: string;
}

type RowResult = { readonly ok: true; readonly valid: boolean } | { readonly ok: false; readonly text: string };

interface GroupValues {
  for?: string;
  households: Household[];
}

export function GroupRegistration({
  arrival,
  receiver,
  consultants,
  onDone,
}: {
  readonly arrival: number;
  readonly receiver: string | null;
  /** Who may be named as the receiving consultant (the floor's seats); none: the caller registers as themselves. */
  readonly consultants?: readonly string[];
  readonly onDone: () => void;
}) {
  const { t } = useI18n();
  const { project } = useProject();
  const [form] = Form.useForm<GroupValues>();
  const [results, setResults] = useState<RowResult[]>([]);
  const [busy, setBusy] = useState(false);
  /** One key per household row, kept across retries of the same group, so a resend records nothing twice. */
  const keys = useRef<string[]>([]);

  const send = async ({ households, for: by }: GroupValues) => {
    const who = by ?? receiver;
    setBusy(true);
    const out: RowResult[] = [];
    for (const [i, h] of households.entries()) {
      keys.current[i] ??= newIdempotencyKey();
      try {
        const done = await commandRecorded(
          project,
          'register',
          { via: 'visit', group: arrival, ...(who ? { for: who } : {}), name: h.name?.trim() ?? '', ...(h.gender ? { gender: h.gender } : {}), phone: h.phone?.trim() ?? '', needs: h.needs?.trim() ?? '' },
          { idempotencyKey: keys.current[i] },
        );
        out.push({ ok: true, valid: done.answer.valid !== false });
      } catch (error) {
        out.push({ ok: false, text: errorText(t, error) });
      }
    }
    setResults(out);
    setBusy(false);
    if (out.every((r) => r.ok)) onDone();
  };

  return (
    <Card size="small" title={t('hyg.groupTitle', { arrival })} data-testid="group-registration">
      <Form form={form} layout="vertical" initialValues={{ households: [{}, {}], ...(receiver ? { for: receiver } : {}) }} onFinish={(v) => void send(v)}>
        {consultants && <ReceivedByField consultants={consultants} testId="group-by" />}
        <Form.List name="households">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <div key={field.key} className="form-row" data-testid={`group-household-${i}`}>
                  <Tag>{t('hyg.household', { n: i + 1 })}</Tag>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('check.nameRequired') }]}>
                    <Input placeholder={t('field.name')} data-testid={`group-name-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'gender']} rules={[{ required: true, message: t('check.genderRequired') }]}>
                    <Radio.Group data-testid={`group-gender-${i}`}>
                      <Radio.Button value="M">{t('gender.M')}</Radio.Button>
                      <Radio.Button value="F">{t('gender.F')}</Radio.Button>
                    </Radio.Group>
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} rules={[phoneRule(t, true)]} validateTrigger="onBlur">
                    <Input placeholder={t('field.phone')} inputMode="tel" data-testid={`group-phone-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'needs']} rules={[{ required: true, whitespace: true, message: t('check.needsRequired') }]}>
                    <Input placeholder={t('field.needs')} data-testid={`group-needs-${i}`} />
                  </Form.Item>
                  {fields.length > 2 && <Button onClick={() => remove(field.name)}>{t('hyg.removeHousehold')}</Button>}
                  {results[i] && (results[i].ok ? <Tag color={results[i].valid ? 'green' : 'orange'} data-testid={`group-result-${i}`}>{t(results[i].valid ? 'desk.registered' : 'desk.registeredInvalid')}</Tag> : <Alert type="error" showIcon title={results[i].text} data-testid={`group-result-${i}`} />)}
                </div>
              ))}
              <Button onClick={() => add({})} data-testid="group-add">
                {t('hyg.addHousehold')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="group-submit" data-action="register">
          {t('hyg.groupSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
