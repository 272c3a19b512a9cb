// The register entry's marks on the registration form (issue 12.2): 未留电话 with the visitor's appearance
// (REG-7), 补登 with the visit's time (REG-5), 外展登记 with the SMS proof time (REG-10), the referrer
// (老带新, REG-11 / OWN-8), and the notice that the entry corrects an earlier one (REG-6).
import { Alert, Form, Input, Select, Switch } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';
import { phoneRule } from '../shared/form-rules.ts';

export function HygieneFields({ corrects }: { readonly corrects: number | undefined }) {
  const { t } = useI18n();
  const noPhone = Form.useWatch<boolean | undefined>('noPhone');
  const late = Form.useWatch<boolean | undefined>('late');
  const outreachSite = Form.useWatch<string | undefined>('outreachSite');
  return (
    <>
      {corrects !== undefined && <Alert type="info" showIcon data-testid="reg-corrects" title={t('hyg.correcting', { entry: corrects })} description={t('hyg.correctingHint')} />}
      <Form.Item name="corrects" hidden>
        <Input />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="noPhone" label={t('hyg.noPhone')} valuePropName="checked">
          <Switch data-testid="reg-no-phone" />
        </Form.Item>
        <Form.Item name="late" label={t('hyg.late')} valuePropName="checked">
          <Switch data-testid="reg-late" disabled={corrects !== undefined} />
        </Form.Item>
        <Form.Item name="outreachSite" label={t('hyg.outreach')}>
          <Select
            allowClear
            data-testid="reg-outreach"
            placeholder={t('hyg.outreachNone')}
            options={[
              { value: 'stand', label: t('hyg.site.stand') },
              { value: 'canvass', label: t('hyg.site.canvass') },
            ]}
          />
        </Form.Item>
      </div>
      {noPhone && (
        <Form.Item name="appearance" label={t('hyg.appearance')} extra={t('hyg.appearanceHint')} rules={[{ required: true, whitespace: true, message: t('hyg.appearanceRequired') }, { max: 500, message: t('check.tooLong') }]}>
          <Input data-testid="reg-appearance" autoComplete="off" />
        </Form.Item>
      )}
      {late && (
        <Form.Item name="visitedAt" label={t('hyg.visitedAt')} extra={t('hyg.lateHint')} rules={[{ required: true, message: t('check.required') }]}>
          <Input type="datetime-local" data-testid="reg-visited-at" />
        </Form.Item>
      )}
      {outreachSite && (
        <Form.Item name="smsAt" label={t('hyg.smsAt')} extra={t('hyg.smsHint')} rules={[{ required: true, message: t('check.required') }]}>
          <Input type="datetime-local" data-testid="reg-sms-at" />
        </Form.Item>
      )}
      <Form.Item name="referrer" label={t('hyg.referrer')} extra={t('hyg.referrerHint')} rules={[phoneRule(t, false)]} validateTrigger="onBlur">
        <Input data-testid="reg-referrer" inputMode="tel" autoComplete="off" />
      </Form.Item>
    </>
  );
}
