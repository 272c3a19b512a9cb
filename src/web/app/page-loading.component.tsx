import { Spin } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" role="status">
      <Spin size="large" />
      <span>{t('app.loading')}</span>
    </div>
  );
}
