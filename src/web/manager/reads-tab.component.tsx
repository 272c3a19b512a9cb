// 查阅记录 (SEC-2): who read which customer's full record, when, and through which page.
import { Input, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { getRecordReads } from '../api/api-client.ts';
import type { RecordRead } from '../../contracts/index.ts';
import { hasMessage } from '../i18n/translate.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { phoneProblem } from '../shared/phone-check.ts';
import { ErrorAlert, problemOf } from '../shared/error-alert.component.tsx';

export function ReadsTab() {
  const { t } = useI18n();
  const { dateTime } = useProjectTime();
  const { project } = useProject();
  const [customer, setCustomer] = useState<string | undefined>(undefined);
  const [reads, setReads] = useState<readonly RecordRead[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setProblem(null);
    getRecordReads(project, customer).then(
      (list) => live && setReads(list),
      (error: unknown) => live && setProblem(error),
    );
    return () => {
      live = false;
    };
  }, [project, customer]);

  const endpoint = (e: string) => (hasMessage(`mgr.endpoint.${e}`) ? t(`mgr.endpoint.${e}` as 'mgr.endpoint.judge') : e);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('mgr.lookup')}
        onSearch={(v) => setCustomer(v.trim() === '' || phoneProblem(v, false) ? undefined : v.trim())}
        style={{ maxWidth: 320 }}
        data-testid="reads-search"
      />
      <ErrorAlert problem={problem === null ? null : problemOf(problem)} />
      <Table<RecordRead>
        size="small"
        rowKey="id"
        loading={reads === null && problem === null}
        dataSource={[...(reads ?? [])]}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        data-testid="reads-table"
        columns={[
          { title: t('mgr.readAt'), dataIndex: 'at', render: (v: number) => dateTime(v) },
          { title: t('mgr.readBy'), key: 'by', render: (_v, r) => r.name ?? r.login },
          { title: t('mgr.readCustomer'), dataIndex: 'customer' },
          { title: t('mgr.readWhere'), dataIndex: 'endpoint', render: endpoint },
        ]}
      />
    </Space>
  );
}
