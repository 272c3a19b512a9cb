// 房源导入 (DEAL-1): choose an .xlsx/.csv → a dry run on the server (its suggested column mapping, every bad
// row, what would be added and changed) → correct the mapping (each change runs the dry run again) → when
// no row is bad, import the whole sheet as one fact. A sheet with bad rows is never half imported; the
// same file imported again says that nothing would change.
import { Alert, App, Button, Card, Result, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { commitUnitImport, planUnitImport, type UnitImportInput } from '../api/api-client.ts';
import type { ColumnMappingInput, UnitImportPlan } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { hasMessage } from '../i18n/translate.ts';
import { managerPath } from '../manager/manager-path.ts';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { wan } from './grid-model.ts';
import { ImportBadRows } from './import-bad-rows.component.tsx';
import { ImportMapping } from './import-mapping.component.tsx';
import { unreadableCode } from './import-problem-text.ts';
import { fileAsBase64, MAX_IMPORT_BYTES } from './read-file.ts';
import { FileDrop } from '../shared/file-drop.component.tsx';

type Sample = UnitImportPlan['sample'][number];

/** `withGridLink`: the manager's workspace has the grid to go to after; the admin's setup does not. */
export function UnitImport({ withGridLink = true }: { readonly withGridLink?: boolean } = {}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const navigate = useNavigate();
  const [file, setFile] = useState<{ readonly name: string; readonly base64: string } | null>(null);
  const [plan, setPlan] = useState<UnitImportPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const [done, setDone] = useState<UnitImportPlan | null>(null);
  const commitKey = useRef(newIdempotencyKey());
  /** Only the newest dry run's answer is shown (mapping changes can overlap). */
  const runNo = useRef(0);

  const check = useCallback(
    async (body: UnitImportInput) => {
      const mine = ++runNo.current;
      setBusy(true);
      setProblem(null);
      setUnreadable(null);
      try {
        const answer = await planUnitImport(project, body);
        if (mine === runNo.current) setPlan(answer);
      } catch (error) {
        if (mine !== runNo.current) return;
        const code = unreadableCode(error);
        if (code) setUnreadable(code);
        else setProblem(problemOf(error));
        setPlan(null);
      } finally {
        if (mine === runNo.current) setBusy(false);
      }
    },
    [project],
  );

  const choose = async (chosen: File) => {
    setDone(null);
    setPlan(null);
    commitKey.current = newIdempotencyKey();
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFile(null);
      setUnreadable('file_too_large');
      return;
    }
    const base64 = await fileAsBase64(chosen);
    setFile({ name: chosen.name, base64 });
    await check({ fileName: chosen.name, contentBase64: base64 });
  };

  const remap = (mapping: ColumnMappingInput) => {
    if (!file) return;
    commitKey.current = newIdempotencyKey();
    setPlan((p) => (p ? { ...p, mapping } : p));
    void check({ fileName: file.name, contentBase64: file.base64, mapping });
  };

  const commit = async () => {
    if (!file || !plan) return;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await commitUnitImport(project, { fileName: file.name, contentBase64: file.base64, mapping: plan.mapping }, { idempotencyKey: commitKey.current });
      commitKey.current = newIdempotencyKey();
      if (answer.ok && answer.seq !== null) {
        setDone(answer);
        void message.success(t('import.done', { add: answer.add, edit: answer.edit }));
      } else setPlan(answer);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setFile(null);
    setPlan(null);
    setDone(null);
    setProblem(null);
    setUnreadable(null);
  };

  if (done)
    return (
      <Card data-testid="import-done">
        <Result
          status="success"
          title={t('import.done', { add: done.add, edit: done.edit })}
          subTitle={done.unchanged > 0 ? t('import.unchanged', { n: done.unchanged }) : undefined}
          extra={[
            withGridLink && (
              <Button key="grid" type="primary" onClick={() => navigate(managerPath(project, 'units'))} data-testid="import-view-grid">
                {t('import.viewGrid')}
              </Button>
            ),
            <Button key="again" onClick={reset} data-testid="import-again">
              {t('import.again')}
            </Button>,
          ]}
        />
      </Card>
    );

  const readText = (code: string) => {
    const key = `import.read.${code}`;
    return hasMessage(key) ? t(key) : t('error.unknown', { code });
  };
  const bad = plan !== null && !plan.ok;
  const changes = plan ? plan.add + plan.edit : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="unit-import">
      <Steps
        size="small"
        current={plan === null ? 0 : bad && plan.mappingProblems.length > 0 ? 1 : 2}
        items={[{ title: t('import.step.file') }, { title: t('import.step.mapping') }, { title: t('import.step.check') }]}
      />
      <Card size="small" title={t('import.title')}>
        <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
        <FileDrop accept=".xlsx,.csv,.xls,.txt" disabled={busy} onChoose={(chosen) => void choose(chosen)} prompt={t('import.choose')} chosen={file ? t('import.file', { name: file.name }) : null} testId="import-upload" fileTestId="import-file-name" />
        {unreadable && <Alert type="error" showIcon className="form-alert" style={{ marginTop: 12 }} data-testid="import-unreadable" title={readText(unreadable)} />}
        <ErrorAlert problem={problem} onClose={() => setProblem(null)} testId="import-error" />
      </Card>
      {busy && plan === null && <Spin tip={t('import.reading')} />}
      {plan && file && (
        <Card size="small" title={t('import.mapping')}>
          <ImportMapping headers={plan.headers} mapping={plan.mapping} problems={plan.mappingProblems} disabled={busy} onChange={remap} />
        </Card>
      )}
      {plan && file && (
        <Card size="small" title={t('import.step.check')} extra={<Typography.Text type="secondary">{t('import.rows', { n: plan.rowCount })}</Typography.Text>} data-testid="import-check">
          <Space direction="vertical" style={{ width: '100%' }}>
            {bad && plan.badRows.length > 0 && <Alert type="error" showIcon title={t('import.badRows', { n: plan.badRows.length })} data-testid="import-bad-summary" />}
            {bad && plan.badRows.length > 0 && <ImportBadRows badRows={plan.badRows} />}
            {!bad && changes === 0 && <Alert type="info" showIcon title={t('import.nothing')} data-testid="import-nothing" />}
            {!bad && plan.unchanged > 0 && changes > 0 && <Typography.Text type="secondary">{t('import.unchanged', { n: plan.unchanged })}</Typography.Text>}
            {!bad && plan.sample.length > 0 && <SampleTable sample={plan.sample} />}
            <Button type="primary" size="large" disabled={bad || changes === 0 || busy} loading={busy && !bad} onClick={() => void commit()} data-testid="import-commit">
              {bad ? t('import.badRowsBlocked') : t('import.go', { add: plan.add, edit: plan.edit })}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}

function SampleTable({ sample }: { readonly sample: readonly Sample[] }) {
  const { t } = useI18n();
  return (
    <Table<Sample>
      size="small"
      rowKey="rowNo"
      data-testid="import-sample"
      title={() => t('import.sample', { n: sample.length })}
      dataSource={[...sample]}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('import.rowNo'), dataIndex: 'rowNo', width: 70 },
        { title: '', dataIndex: 'change', width: 70, render: (c: Sample['change']) => <Tag color={c === 'add' ? 'green' : 'blue'}>{t(`import.change.${c}`)}</Tag> },
        { title: t('unitField.building'), key: 'building', render: (_v, s) => s.unit.building },
        { title: t('unitField.unitNo'), key: 'unitNo', render: (_v, s) => s.unit.unitNo ?? '—' },
        { title: t('unitField.floor'), key: 'floor', render: (_v, s) => s.unit.floor ?? '—' },
        { title: t('unitField.room'), key: 'room', render: (_v, s) => s.unit.room },
        { title: t('unitField.layout'), key: 'layout', render: (_v, s) => s.unit.layout ?? '—' },
        { title: t('units.areaInM2'), key: 'area', render: (_v, s) => s.unit.area ?? '—' },
        { title: t('units.priceInWan'), key: 'price', render: (_v, s) => (s.unit.price === null ? '—' : wan(s.unit.price, 2)) },
      ]}
    />
  );
}
