// What the register and the pool share: the search box, the customer's name and phone, and the way to
// their timeline.
import { Input, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { RegisterCustomer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Translate } from '../i18n/translate.ts';
import { useProject } from '../session/project.context.tsx';
import { managerPath } from './manager-path.ts';

export function customerColumns(t: Translate): TableColumnsType<RegisterCustomer> {
  return [
    { title: t('field.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
    { title: t('field.phone'), dataIndex: 'phone' },
  ];
}

export function TimelineLink({ phone }: { readonly phone: string }) {
  const { t } = useI18n();
  const { project } = useProject();
  return (
    <Link to={managerPath(project, `customer/${encodeURIComponent(phone)}`)} data-testid={`open-${phone}`}>
      {t('mgr.openTimeline')}
    </Link>
  );
}

/** Phone fragment or name; the server searches (a new search starts at page 1). */
export function SearchBox({ onSearch, testId }: { readonly onSearch: (text: string) => void; readonly testId: string }) {
  const { t } = useI18n();
  return <Input.Search allowClear placeholder={t('mgr.searchPlaceholder')} enterButton={t('common.search')} onSearch={(v) => onSearch(v.trim())} style={{ width: 300 }} data-testid={testId} />;
}
