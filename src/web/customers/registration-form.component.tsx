// 快速登记: the visit (or call) register entry for the party just admitted. REG-2 is applied before
// sending — name (a surname is enough for a call), gender, phone (REG-4, checked as the server checks
// it) and needs — each with its own message; what the server still refuses lands on its field.
import { Button, Collapse, Form, Input, InputNumber, Radio, Select } from 'antd';
import { Panel } from '../shared/panel.component.tsx';
import { ReceivedByField } from './received-by-field.component.tsx';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegisterOptions } from '../../contracts/index.ts';
import { getRegisterOptions } from '../api/api-client.ts';
import { useProject } from '../session/project.context.tsx';
import type { Answer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { compact } from '../shared/compact.ts';
import { phoneRule } from '../shared/form-rules.ts';
import { useCommandForm } from './use-command-form.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { HygieneFields } from './registration-hygiene.component.tsx';
import { HYGIENE_FIELDS, hygieneBody, withoutHygiene, type HygieneValues } from './registration-hygiene.ts';

export interface RegistrationValues extends HygieneValues {
  via: 'visit' | 'call';
  /** The consultant who received the party; the front desk registers on their behalf (REG-1). */
  for?: string;
  phone?: string;
  name?: string;
  gender?: 'M' | 'F';
  needs?: string;
  plate?: string;
  // REG-3: the register's further fields (the option fields offer the office's own lists).
  source?: string;
  grade?: string;
  district?: string;
  propertyType?: string;
  units?: string;
  budget?: number;
  address?: string;
  carBrand?: string;
  phone2?: string;
}

const FIELDS = ['via', 'for', 'phone', 'name', 'gender', 'needs', 'plate', 'source', 'grade', 'district', 'propertyType', 'units', 'budget', 'address', 'carBrand', 'phone2', ...HYGIENE_FIELDS];
const OPTION_FIELDS = [
  ['source', 'sources', 'field.source'],
  ['grade', 'grades', 'field.grade'],
  ['district', 'districts', 'field.district'],
  ['propertyType', 'propertyTypes', 'field.propertyType'],
] as const;

/** The office's option lists (REG-3); empty until they load, and if they cannot be read the form still works. */
function useRegisterOptions(): RegisterOptions | null {
  const { project } = useProject();
  const [options, setOptions] = useState<RegisterOptions | null>(null);
  useEffect(() => {
    let live = true;
    getRegisterOptions(project).then(
      (o) => live && setOptions(o),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [project]);
  return options;
}

export function RegistrationForm({
  consultants,
  preset,
  onRegistered,
  title,
}: {
  /** Who may be named as the receiving consultant; none: the caller registers as themselves. */
  readonly consultants?: readonly string[];
  /** Filled in from the admitted party (phone, receiving consultant); a new preset resets the form. */
  readonly preset: Partial<RegistrationValues> | null;
  readonly onRegistered: (answer: Answer) => void;
  readonly title?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<RegistrationValues>();
  const options = useRegisterOptions();
  const { zone } = useProjectTime();
  // REG-7: a visitor who gives no phone is registered by surname, units viewed and appearance.
  const noPhone = Form.useWatch('noPhone', form) === true;
  const onDone = useCallback(
    (answer: Answer) => {
      form.resetFields();
      onRegistered(answer);
    },
    [form, onRegistered],
  );
  const { submit, busy, problem, clearProblem, resetKey } = useCommandForm(form, 'register', FIELDS, onDone);

  const nameRef = useRef<InputRef>(null);
  useEffect(() => {
    form.resetFields();
    if (preset) form.setFieldsValue(preset);
    resetKey();
    // The desk's keyboard flow (issue 16.5): the admitted party's phone and receiver are filled in; the name is
    // next. After the desk's own re-render (the admitted card replaces the receiver panel), not during it.
    if (!preset) return undefined;
    const timer = setTimeout(() => nameRef.current?.focus(), 50);
    return () => clearTimeout(timer);
  }, [preset, form, resetKey]);

  return (
    <Panel title={title ?? t('desk.register')} className="registration-card" data-testid="registration">
      <Form<RegistrationValues> form={form} layout="vertical" size="middle" initialValues={{ via: 'visit' }} onFinish={(values) => void submit({ ...compact(withoutHygiene(noPhone ? { ...values, phone: undefined } : values)), ...hygieneBody(values, zone), via: values.via })} onValuesChange={clearProblem} requiredMark>
        <div className="form-row">
          <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('check.nameRequired') }, { max: 64, message: t('check.tooLong') }]}>
            <Input ref={nameRef} data-testid="reg-name" autoComplete="off" />
          </Form.Item>
          <Form.Item name="gender" label={t('field.gender')} rules={[{ required: true, message: t('check.genderRequired') }]}>
            <Radio.Group data-testid="reg-gender">
              <Radio.Button value="M">{t('gender.M')}</Radio.Button>
              <Radio.Button value="F">{t('gender.F')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="phone" label={t('field.phone')} required={!noPhone} rules={[phoneRule(t, !noPhone)]} validateTrigger="onBlur">
            <Input data-testid="reg-phone" inputMode="tel" autoComplete="off" disabled={noPhone} />
          </Form.Item>
          <Form.Item name="via" label={t('field.via')}>
            <Radio.Group>
              <Radio.Button value="visit">{t('via.visit')}</Radio.Button>
              <Radio.Button value="call">{t('via.call')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        </div>
        <Form.Item name="needs" label={t('field.needs')} rules={[{ required: true, whitespace: true, message: t('check.needsRequired') }, { max: 500, message: t('check.tooLong') }]}>
          <Input data-testid="reg-needs" autoComplete="off" />
        </Form.Item>
        <div className="form-row">
          {OPTION_FIELDS.slice(0, 2).map(([name, list, label]) => (
            <Form.Item key={name} name={name} label={t(label)}>
              <Select allowClear data-testid={`reg-${name}`} options={(options?.[list] ?? []).map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          ))}
        </div>
        <HygieneFields corrects={preset?.corrects} />
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'more',
              label: t('reg.more'),
              forceRender: true,
              children: (
                <>
                  <div className="form-row">
                    {OPTION_FIELDS.slice(2).map(([name, list, label]) => (
                      <Form.Item key={name} name={name} label={t(label)}>
                        <Select allowClear data-testid={`reg-${name}`} options={(options?.[list] ?? []).map((o) => ({ value: o, label: o }))} />
                      </Form.Item>
                    ))}
                  </div>
                  <div className="form-row">
                    <Form.Item name="units" label={t('field.units')} rules={[{ max: 200, message: t('check.tooLong') }]}>
                      <Input data-testid="reg-units" autoComplete="off" />
                    </Form.Item>
                    <Form.Item name="budget" label={t('field.budget')}>
                      <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} data-testid="reg-budget" />
                    </Form.Item>
                  </div>
                  <div className="form-row">
                    <Form.Item name="address" label={t('field.address')} rules={[{ max: 500, message: t('check.tooLong') }]}>
                      <Input data-testid="reg-address" autoComplete="off" />
                    </Form.Item>
                    <Form.Item name="phone2" label={t('field.phone2')} rules={[phoneRule(t, false)]} validateTrigger="onBlur">
                      <Input data-testid="reg-phone2" inputMode="tel" autoComplete="off" />
                    </Form.Item>
                  </div>
                  <Form.Item name="carBrand" label={t('field.carBrand')} rules={[{ max: 32, message: t('check.tooLong') }]}>
                    <Input data-testid="reg-carBrand" autoComplete="off" />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <div className="form-row">
          <Form.Item name="plate" label={t('field.plate')} rules={[{ max: 16, message: t('check.tooLong') }]}>
            <Input data-testid="reg-plate" autoComplete="off" />
          </Form.Item>
          {consultants && <ReceivedByField consultants={consultants} testId="reg-by" />}
        </div>
        <ErrorAlert problem={problem} testId="reg-error" />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="reg-submit" data-action="register">
          {t('common.submit')}
        </Button>
        <div className="form-hint">{t('desk.registerHint')}</div>
      </Form>
    </Panel>
  );
}
