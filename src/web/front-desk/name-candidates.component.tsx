// The customers registered under one full name (REG-4), masked as the desk may see them (SEC-1), each with
// whose they are and until when: the answer of 按姓名判客, drawn when it comes.
import { Table, Tag, Typography } from 'antd';
import type { JudgeByName, NameCandidate } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export function NameCandidates({ answer }: { readonly answer: JudgeByName }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  return (
    <>
      <Typography.Text type="secondary" data-testid="name-search-total">
        {t('hyg.nameTotal', { count: answer.total })}
      </Typography.Text>
      <ReasonList reasons={answer.reasons} />
      {answer.candidates.length > 0 && (
        <Table<NameCandidate>
          size="small"
          rowKey={(c) => c.customer.phone}
          pagination={false}
          dataSource={[...answer.candidates]}
          data-testid="name-candidates"
          columns={[
            { title: t('field.name'), key: 'name', render: (_v, c) => c.customer.name ?? '—' },
            { title: t('field.phone'), key: 'phone', render: (_v, c) => c.customer.phone },
            { title: t('mgr.owner'), key: 'owner', render: (_v, c) => (c.owner ? <Tag color="blue">{c.owner.name ?? nameOf(c.owner.id)}</Tag> : <Tag>{t('desk.publicPool')}</Tag>) },
            { title: t('mgr.until'), key: 'until', render: (_v, c) => c.protectedUntilLocal ?? '—' },
          ]}
        />
      )}
    </>
  );
}
