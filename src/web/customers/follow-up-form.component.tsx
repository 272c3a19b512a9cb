// 跟进 (OWN-3) with its 客户跟进表 / B级卡 content (issue 16.2): did it reach the customer and how, what was
// said, the customer's intent, the next step and its day. The answer says whether protection was extended
// and why not (a text message alone is no contact).
import { Button, Form, Input, Radio } from 'antd';
import type { Answer, ContactVia, FollowUpNoteView } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useCommandForm } from './use-command-form.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

interface FollowUpValues {
  reached: boolean;
  via: ContactVia;
  said?: string;
  intent?: FollowUpNoteView['intent'];
  next?: string;
  nextOn?: string;
}

const FIELDS = ['reached', 'via', 'said', 'intent', 'next', 'nextOn'];
const VIAS: readonly ContactVia[] = ['call', 'visit', 'wechat', 'sms'];
const INTENTS = ['A', 'B', 'C', 'D'] as const;

/** The optional fields as the command takes them: blanks left out. */
function noteOf(v: FollowUpValues) {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const note = { said: text(v.said), intent: v.intent, next: text(v.next), nextOn: text(v.nextOn) };
  return Object.fromEntries(Object.entries(note).filter(([, value]) => value !== undefined)) as Partial<FollowUpNoteView>;
}

export function FollowUpForm({ phone, onDone }: { readonly phone: string; readonly onDone: (answer: Answer, reached: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FollowUpValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'followUp', FIELDS, (answer, body) => onDone(answer, body.reached));
  return (
    <Form<FollowUpValues> form={form} layout="vertical" initialValues={{ reached: true, via: 'call' }} onFinish={(v) => void submit({ phone, reached: v.reached, via: v.via, ...noteOf(v) })} onValuesChange={clearProblem}>
      <Form.Item name="reached" label={t('field.reached')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="fu-reached">
          <Radio.Button value={true}>{t('common.yes')}</Radio.Button>
          <Radio.Button value={false}>{t('common.no')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="via" label={t('field.contactVia')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" data-testid="fu-via" options={VIAS.map((v) => ({ value: v, label: t(`contact.${v}`) }))} />
      </Form.Item>
      <Form.Item name="said" label={t('field.said')} rules={[{ max: 500, message: t('check.tooLong') }]}>
        <Input.TextArea rows={2} placeholder={t('fu.notePlaceholder')} data-testid="fu-said" />
      </Form.Item>
      <Form.Item name="intent" label={t('field.intent')}>
        <Radio.Group optionType="button" data-testid="fu-intent" options={INTENTS.map((i) => ({ value: i, label: t(`intent.${i}`) }))} />
      </Form.Item>
      <Form.Item name="next" label={t('field.next')} rules={[{ max: 200, message: t('check.tooLong') }]}>
        <Input placeholder={t('fu.nextPlaceholder')} data-testid="fu-next" />
      </Form.Item>
      <Form.Item name="nextOn" label={t('field.nextOn')} dependencies={['next']} rules={[({ getFieldValue }) => ({ validator: (_r, value) => (value && !String(getFieldValue('next') ?? '').trim() ? Promise.reject(new Error(t('fu.nextNeeded'))) : Promise.resolve()) })]}>
        <Input type="date" data-testid="fu-next-on" />
      </Form.Item>
      <ErrorAlert problem={problem} testId="fu-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="fu-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}
