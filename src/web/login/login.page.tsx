// Signing in: login and password, field-level messages for empty fields, a translated message for a
// refused sign-in (wrong password, locked); then back to the page that sent us here.
import { Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../app/workspace-layout.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useSession } from '../session/session.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useAction } from '../shared/use-action.ts';
import { firstRun } from '../api/admin-client.ts';
import { useLoad } from '../shared/use-load.ts';
import { FirstAdmin } from './first-admin.component.tsx';

interface LoginForm {
  login: string;
  password: string;
}

/** Only same-site paths: `next` comes from the URL. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { run, busy, problem, clearProblem } = useAction();
  const next = safeNext(params.get('next'));
  const empty = useLoad(() => firstRun(), []);
  if (state.status === 'signedIn') return <Navigate to={next} replace />;
  if (empty.data?.needsAdmin)
    return (
      <FirstAdmin
        onCreated={async (login, password) => {
          await signIn(login, password);
          navigate('/admin', { replace: true });
        }}
      />
    );

  const submit = (values: LoginForm) =>
    run(async () => {
      await signIn(values.login.trim(), values.password);
      navigate(next, { replace: true });
    });

  return (
    <div className="login-page">
      <Card className="login-card" title={<Typography.Title level={3}>{t('login.title')}</Typography.Title>} extra={<LanguageSwitch />}>
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} onValuesChange={clearProblem}>
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}>
            <Input autoFocus autoComplete="username" data-testid="login-name" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <ErrorAlert problem={problem} testId="login-error" />
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
          {/* The channel (issue 10): a broker without an account applies first (CH-2). */}
          <Button type="link" block href="/broker/apply" data-testid="apply-link">
            {t('apply.link')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
