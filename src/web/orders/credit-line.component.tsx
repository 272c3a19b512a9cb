// A credit as tags: each holder's name (团奖 for the pool) and percentage.
import { Space, Tag, Typography } from 'antd';
import type { Credit } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { holderName, POOL, shares } from './credit.ts';

export function CreditLine({ credit, testId }: { readonly credit: Credit; readonly testId?: string }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const list = shares(credit);
  if (list.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('ord.noCredit')}
      </Typography.Text>
    );
  return (
    <Space size={2} wrap data-testid={testId}>
      {list.map((s) => (
        <Tag key={s.who} color={s.who === POOL ? 'gold' : 'green'}>{`${holderName(s.who, t, nameOf)} ${s.percent}%`}</Tag>
      ))}
    </Space>
  );
}
