// 跟进 (OWN-3): did it reach the customer, and how. Only a follow-up that reached them extends protection
// (an SMS alone does not, unless the policy says so); the answer says what happened.
import { Button, Form, Radio } from 'antd';
import type { Answer, ContactVia } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useCommandForm } from './use-command-form.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

interface FollowUpValues {
  reached: boolean;
  via: ContactVia;
}

const FIELDS = ['reached', 'via'];
const VIAS: readonly ContactVia[] = ['call', 'visit', 'wechat', 'sms'];

export function FollowUpForm({ phone, onDone }: { readonly phone: string; readonly onDone: (answer: Answer, reached: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FollowUpValues>();
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'followUp', FIELDS, (answer, body) => onDone(answer, body.reached));
  return (
    <Form<FollowUpValues> form={form} layout="vertical" initialValues={{ reached: true, via: 'call' }} onFinish={(v) => void submit({ phone, reached: v.reached, via: v.via })} onValuesChange={clearProblem}>
      <Form.Item name="reached" label={t('field.reached')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="fu-reached">
          <Radio.Button value={true}>{t('common.yes')}</Radio.Button>
          <Radio.Button value={false}>{t('common.no')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="via" label={t('field.contactVia')} rules={[{ required: true, message: t('check.required') }]}>
        <Radio.Group optionType="button" data-testid="fu-via">
          {VIAS.map((v) => (
            <Radio.Button key={v} value={v}>
              {t(`contact.${v}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <ErrorAlert problem={problem} testId="fu-error" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="fu-submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}
