// The app's root: language, Ant Design's locale and theme, staff names, the session, and the routes.
import { App as AntApp, ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { BrowserRouter } from 'react-router';
import { setRequestLanguage } from '../api/http.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.context.tsx';
import { SessionProvider } from '../session/session.context.tsx';
import { StaffNamesProvider } from '../shared/staff-names.context.tsx';
import { AppRoutes } from './app-routes.tsx';
import { ErrorBoundary } from './error-boundary.component.tsx';

const THEME = { token: { colorPrimary: '#b8322a', borderRadius: 6, fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif" } };

function Localised() {
  const { locale, t, antdLocale } = useI18n();
  useEffect(() => {
    setRequestLanguage(locale);
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);
  return (
    <ConfigProvider locale={antdLocale} theme={THEME}>
      <AntApp>
        <ErrorBoundary>
          <StaffNamesProvider>
            <SessionProvider>
              <BrowserRouter>
                <AppRoutes />
              </BrowserRouter>
            </SessionProvider>
          </StaffNamesProvider>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}
