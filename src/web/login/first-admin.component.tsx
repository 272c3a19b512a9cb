// The first run of an empty install: the login page asks for the first administrator instead of a
// sign-in, then signs them in; the admin workspace's wizard takes it from there.
import { Button, Card, Form, Typography } from 'antd';
import { createFirstAdmin } from '../api/admin-client.ts';
import { AccountFields } from '../admin/account-fields.component.tsx';
import { LanguageSwitch } from '../app/workspace-layout.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useAction } from '../shared/use-action.ts';

interface FirstAdminValues {
  readonly login: string;
  readonly displayName: string;
  readonly password: string;
}

export function FirstAdmin({ onCreated }: { readonly onCreated: (login: string, password: string) => Promise<void> }) {
  const { t } = useI18n();
  const { run, busy, problem } = useAction();
  const submit = (v: FirstAdminValues) =>
    run(async () => {
      await createFirstAdmin({ login: v.login.trim(), displayName: v.displayName.trim(), password: v.password });
      await onCreated(v.login.trim(), v.password);
    });
  return (
    <div className="login-page">
      <Card className="login-card" title={<Typography.Title level={3}>{t('firstRun.title')}</Typography.Title>} extra={<LanguageSwitch />} data-testid="first-admin">
        <Typography.Paragraph type="secondary">{t('firstRun.hint')}</Typography.Paragraph>
        <Form<FirstAdminValues> layout="vertical" onFinish={submit} requiredMark={false}>
          <AccountFields prefix="first-admin" />
          <ErrorAlert problem={problem} />
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="first-admin-submit">
            {t('firstRun.create')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
