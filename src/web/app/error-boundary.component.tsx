// A page that throws shows a translated notice and a reload button, never a stack trace.
import { Button } from 'antd';
import { Result } from './lazy-result.component.tsx';
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';

function CrashNotice() {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('app.crash')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </Button>
      }
    />
  );
}

export class ErrorBoundary extends Component<{ readonly children: ReactNode }, { readonly crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('[web] page crashed', error);
  }

  override render(): ReactNode {
    return this.state.crashed ? <CrashNotice /> : this.props.children;
  }
}
