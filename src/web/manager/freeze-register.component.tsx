// 开盘前冻结有效客户登记册 (OWN-13): the manager freezes the register now; later disputes about the customers on
// it follow it. Shows when it was last frozen, by whom, and how many customers it holds.
import { App, Button, Card, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Answer } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { getOwnershipDesk } from '../api/ownership-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

export function FreezeRegister() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const desk = useLoad(() => getOwnershipDesk(project), [project]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const freeze = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const answer: Answer = await command(project, 'freezeRegister', note.trim() ? { note: note.trim() } : {}, { idempotencyKey: newIdempotencyKey() });
      const count = answer.reasons.find((r) => r.code === 'registerFrozen')?.params?.count ?? 0;
      void message.success(t('freeze.done', { count }));
      setNote('');
      desk.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const last = desk.data?.lastFrozen ?? null;
  return (
    <Card size="small" title={t('freeze.title')} data-testid="freeze-card">
      <Typography.Paragraph type="secondary">{t('freeze.hint')}</Typography.Paragraph>
      <Typography.Paragraph data-testid="freeze-last">{last ? t('freeze.last', { at: last.atLocal ?? '', by: nameOf(last.by), count: last.count }) : t('freeze.never')}</Typography.Paragraph>
      <Space wrap>
        <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('freeze.note')} maxLength={500} style={{ width: 260 }} data-testid="freeze-note" />
        <Popconfirm title={t('freeze.confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void freeze()} okButtonProps={{ ...({ 'data-testid': 'freeze-confirm' } as object) }}>
          <Button danger loading={busy} data-testid="freeze-submit" data-action="freezeRegister">
            {t('freeze.button')}
          </Button>
        </Popconfirm>
      </Space>
      <ErrorAlert problem={problem} testId="freeze-error" />
      <ErrorAlert problem={desk.problem} />
    </Card>
  );
}
