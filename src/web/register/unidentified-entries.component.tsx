// 待确认身份 (REG-7): visitors registered without a phone — by surname, units viewed and appearance — wait here
// for their consultant (or the desk, or a manager) to recognise them and link the entry to their phone. The
// entry then counts for that customer from the visit.
import { App, Button, Card, Empty, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { command } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { phoneProblem } from '../shared/phone-check.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { usePendingEntries } from './use-pending-entries.ts';

export function UnidentifiedEntries({ refreshKey }: { readonly refreshKey?: unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const loaded = usePendingEntries(refreshKey);
  const [phones, setPhones] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<Problem>(null);
  const [bad, setBad] = useState<number | null>(null);

  const identify = async (entry: number) => {
    const phone = phones[entry]?.trim() ?? '';
    if (phoneProblem(phone, true)) {
      setBad(entry);
      return;
    }
    setBad(null);
    setProblem(null);
    try {
      const answer = await command(project, 'identify', { entry, phone });
      void message.success(t(answer.valid === false ? 'hyg.identifiedInvalid' : 'hyg.identified'));
      loaded.reload();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const rows = loaded.data?.unidentified ?? [];
  return (
    <Card size="small" title={t('hyg.unidentifiedTitle')} data-testid="unidentified-entries">
      <ErrorAlert problem={loaded.problem ?? problem} testId="identify-error" />
      {rows.length === 0 ? (
        <Empty description={t('hyg.unidentifiedNone')} />
      ) : (
        <List
          dataSource={[...rows]}
          renderItem={(e) => (
            <List.Item key={e.entry} data-testid={`unidentified-${e.entry}`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{`#${e.entry} ${e.name ?? ''} · ${e.atLocal ?? ''} · ${nameOf(e.consultant ?? e.by)}`}</Typography.Text>
                <Typography.Text type="secondary">{t('hyg.unidentifiedLine', { units: e.units ?? '—', appearance: e.appearance ?? '—' })}</Typography.Text>
                <Space.Compact block>
                  <Input placeholder={t('field.phone')} inputMode="tel" status={bad === e.entry ? 'error' : ''} value={phones[e.entry] ?? ''} onChange={(ev) => setPhones({ ...phones, [e.entry]: ev.target.value })} data-testid={`identify-phone-${e.entry}`} />
                  <Button type="primary" onClick={() => void identify(e.entry)} data-testid={`identify-${e.entry}`} data-action="identify">
                    {t('hyg.identify')}
                  </Button>
                </Space.Compact>
                {bad === e.entry && <div className="field-error" role="alert">{t('check.phoneInvalid')}</div>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
