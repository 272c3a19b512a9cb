import { Button } from 'antd';
import { Result } from './lazy-result.component.tsx';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';

export function NotFound({ forbidden = false }: { readonly forbidden?: boolean }) {
  const { t } = useI18n();
  return (
    <Result
      status={forbidden ? '403' : '404'}
      title={t(forbidden ? 'app.forbidden' : 'app.notFound')}
      subTitle={forbidden ? undefined : t('app.notFoundHint')}
      data-testid={forbidden ? 'forbidden' : 'not-found'}
      extra={
        <Link to="/">
          <Button type="primary" data-testid="not-found-back">
            {t('app.back')}
          </Button>
        </Link>
      }
    />
  );
}
