// Pages behind a sign-in: while the session loads, a spinner; signed out, the login page (coming back
// here afterwards); the server unreachable, a translated notice with a retry.
import { Button } from 'antd';
import { Result } from './lazy-result.component.tsx';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorText } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useSession } from '../session/session.context.tsx';
import { PageLoading } from './page-loading.component.tsx';

export function RequireSession() {
  const { state, reload } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'signedOut') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (state.status === 'failed')
    return (
      <Result
        status="warning"
        title={errorText(t, state.error)}
        extra={
          <Button type="primary" onClick={reload}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  return <Outlet />;
}
