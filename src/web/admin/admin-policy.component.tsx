// 工作时间与规则: the preset the office starts from and its working hours (ROT-9's duty windows), saved as a
// policySet fact. Every other knob is the manager's policy editor (规则设置).
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { command, getPolicy } from '../api/api-client.ts';
import type { PolicyDoc } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useAction } from '../shared/use-action.ts';

interface HoursValues {
  readonly preset: 'standard';
  /** "09:00-12:00, 13:30-18:00"; empty = all day. */
  readonly hours: string;
}

const WINDOW = /^(\d{2}:\d{2})\s*[-–~]\s*(\d{2}:\d{2})$/;

/** The duty windows a text names, or null when it names none (all day); `false` when it is malformed. */
export function parseHours(text: string): [string, string][] | null | false {
  const parts = text.split(/[,，;；]/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const windows = parts.map((p) => WINDOW.exec(p));
  if (windows.some((w) => w === null)) return false;
  return windows.map((w) => [w?.[1] ?? '', w?.[2] ?? '']);
}

export function AdminPolicy({ project }: { readonly project: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<HoursValues>();
  const policy = useLoad(() => getPolicy(project), [project]);
  const { run, busy, problem } = useAction();
  const current = policy.data?.policy;
  const hoursText = current?.rotation.hours?.map((w) => w.join('-')).join(', ') ?? '';
  const submit = (v: HoursValues) => {
    const hours = parseHours(v.hours ?? '');
    if (hours === false || !policy.data) {
      form.setFields([{ name: 'hours', errors: [t('admin.hoursRule')] }]);
      return;
    }
    // The standard preset is the only one the product ships; choosing it starts again from its values.
    const base = v.preset === 'standard' && current === undefined ? policy.data.standard : (current ?? policy.data.standard);
    const next: PolicyDoc = { ...base, rotation: { ...base.rotation, hours } };
    void run(() => command(project, 'setPolicy', { policy: next }), t('admin.saved'), policy.reload);
  };
  return (
    <Card size="small" title={t('admin.hoursAndPreset')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('admin.hoursHint')}</Typography.Paragraph>
        <ErrorAlert problem={problem ?? policy.problem} />
        {policy.data && (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ preset: 'standard', hours: hoursText }} style={{ maxWidth: 480 }} data-testid="admin-policy-form">
            <Form.Item name="preset" label={t('admin.preset')}>
              <Select options={[{ value: 'standard', label: t('admin.preset.standard') }]} />
            </Form.Item>
            <Form.Item name="hours" label={t('admin.hours')}>
              <Input placeholder="09:00-12:00, 13:30-18:00" data-testid="admin-hours" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="admin-policy-save">
              {t('admin.save')}
            </Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}
