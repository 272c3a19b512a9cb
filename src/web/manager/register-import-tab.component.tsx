// 登记导入 (issue 11.4): the manager brings the paper-era registers in — choose an .xlsx/.csv of visits, calls
// or follow-ups → the column mapping (the office's remembered one, or guessed from the headers; editable) → the dry
// run: how many entries would be imported, which rows are rejected and why (downloadable as .xlsx) → commit. Every
// imported entry keeps its original time and is marked imported with the manager's approval (REG-5); committing the
// same file again imports nothing.
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Steps, Table, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { RegisterImportPlanView, RegisterMappingInput } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { commitRegisterImport, planRegisterImport, registerImportRejects } from '../api/register-import-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { hasMessage } from '../i18n/translate.ts';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { fileAsBase64 } from '../units/read-file.ts';
import { RegisterImportMapping } from './register-import-mapping.component.tsx';
import { FileDrop } from '../shared/file-drop.component.tsx';

/** The server takes up to 24,000,000 base64 characters: about 17 MB of file. */
const MAX_BYTES = 17 * 1024 * 1024;
type Reject = RegisterImportPlanView['rejects'][number];

export function RegisterImportTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const [file, setFile] = useState<{ readonly name: string; readonly base64: string } | null>(null);
  const [plan, setPlan] = useState<RegisterImportPlanView | null>(null);
  const [done, setDone] = useState<RegisterImportPlanView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const commitKey = useRef(newIdempotencyKey());
  const runNo = useRef(0);

  const check = useCallback(
    async (name: string, base64: string, mapping?: RegisterMappingInput) => {
      const mine = ++runNo.current;
      setBusy(true);
      setProblem(null);
      try {
        const answer = await planRegisterImport(project, { fileName: name, contentBase64: base64, ...(mapping ? { mapping } : {}) });
        if (mine === runNo.current) setPlan(answer);
      } catch (error) {
        if (mine !== runNo.current) return;
        setProblem(problemOf(error));
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
    setTooLarge(chosen.size > MAX_BYTES);
    if (chosen.size > MAX_BYTES) {
      setFile(null);
      return;
    }
    const base64 = await fileAsBase64(chosen);
    setFile({ name: chosen.name, base64 });
    await check(chosen.name, base64);
  };

  const remap = (mapping: RegisterMappingInput) => {
    if (!file) return;
    commitKey.current = newIdempotencyKey();
    setPlan((p) => (p ? { ...p, mapping } : p));
    void check(file.name, file.base64, mapping);
  };

  const downloadRejects = async () => {
    if (!file || !plan) return;
    try {
      const blob = await registerImportRejects(project, { fileName: file.name, contentBase64: file.base64, mapping: plan.mapping });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${file.name.replace(/\.(xlsx|csv|txt)$/i, '')}-未导入.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const commit = async () => {
    if (!file || !plan) return;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await commitRegisterImport(project, { fileName: file.name, contentBase64: file.base64, mapping: plan.mapping }, { idempotencyKey: commitKey.current });
      commitKey.current = newIdempotencyKey();
      setDone(answer);
      void message.success(t('regImport.done', { n: answer.commit?.committed ?? 0 }));
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
  };

  if (done?.commit)
    return (
      <Card data-testid="reg-import-done">
        <Result
          status="success"
          title={t('regImport.done', { n: done.commit.committed })}
          subTitle={
            <Space direction="vertical">
              {done.commit.alreadyImported + done.alreadyImported > 0 && <span data-testid="reg-import-done-already">{t('regImport.already', { n: done.commit.alreadyImported + done.alreadyImported })}</span>}
              {done.rejectCount > 0 && <span data-testid="reg-import-done-rejects">{t('regImport.rejectedKept', { n: done.rejectCount })}</span>}
              <span>{t('regImport.batch', { batch: done.commit.batch })}</span>
            </Space>
          }
          extra={[
            done.rejectCount > 0 && (
              <Button key="rejects" onClick={() => void downloadRejects()} data-testid="reg-import-done-download">
                {t('regImport.downloadRejects')}
              </Button>
            ),
            <Button key="again" type="primary" onClick={reset} data-testid="reg-import-again">
              {t('regImport.again')}
            </Button>,
          ]}
        />
      </Card>
    );

  const step = plan === null ? 0 : !plan.ok ? 1 : 2;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="reg-import">
      <Steps size="small" current={step} items={[{ title: t('regImport.step.file') }, { title: t('regImport.step.mapping') }, { title: t('regImport.step.check') }, { title: t('regImport.step.commit') }]} />
      <Card size="small" title={t('regImport.title')}>
        <Typography.Paragraph type="secondary">{t('regImport.hint')}</Typography.Paragraph>
        <FileDrop accept=".xlsx,.csv,.txt" disabled={busy} onChoose={(chosen) => void choose(chosen)} prompt={t('regImport.choose')} chosen={file ? t('regImport.file', { name: file.name }) : null} testId="reg-import-upload" fileTestId="reg-import-file-name" />
        {tooLarge && <Alert type="error" showIcon className="form-alert" style={{ marginTop: 12 }} title={t('regImport.tooLarge')} data-testid="reg-import-too-large" />}
        <ErrorAlert problem={problem} onClose={() => setProblem(null)} testId="reg-import-error" />
      </Card>
      {busy && plan === null && <Spin tip={t('regImport.reading')} />}
      {plan && file && (
        <Card size="small" title={t('regImport.step.mapping')}>
          {!plan.ok && <Alert type="error" showIcon className="form-alert" data-testid="reg-import-mapping-problems" title={plan.mappingProblems.map((p) => (hasMessage(`regImport.mapping.${p.code}`) ? t(`regImport.mapping.${p.code}` as 'regImport.mapping.column_required', { field: t(`regImport.field.${p.field}`) }) : p.code)).join('；')} />}
          <RegisterImportMapping headers={plan.headers} mapping={plan.mapping} from={plan.mappingFrom} disabled={busy} onChange={remap} />
        </Card>
      )}
      {plan?.ok && file && (
        <Card size="small" title={t('regImport.step.check')} extra={<Typography.Text type="secondary">{t('regImport.rows', { n: plan.rowCount })}</Typography.Text>} data-testid="reg-import-check">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
              <Descriptions.Item label={t('regImport.toImport')}>
                <span data-testid="reg-import-entries">{plan.entries}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('regImport.kind.visit')}>{plan.byKind.visit}</Descriptions.Item>
              <Descriptions.Item label={t('regImport.kind.call')}>{plan.byKind.call}</Descriptions.Item>
              <Descriptions.Item label={t('regImport.kind.followUp')}>{plan.byKind.followUp}</Descriptions.Item>
              <Descriptions.Item label={t('regImport.alreadyLabel')}>
                <span data-testid="reg-import-already">{plan.alreadyImported}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('regImport.rejectsLabel')}>
                <span data-testid="reg-import-reject-count">{plan.rejectCount}</span>
              </Descriptions.Item>
            </Descriptions>
            {plan.rejectCount > 0 && (
              <>
                <Alert type="warning" showIcon title={t('regImport.rejectsHint', { n: plan.rejectCount })} data-testid="reg-import-rejects-summary" />
                <Button onClick={() => void downloadRejects()} data-testid="reg-import-download-rejects">
                  {t('regImport.downloadRejects')}
                </Button>
                <RejectsTable rejects={plan.rejects} />
              </>
            )}
            {plan.entries === 0 && <Alert type="info" showIcon title={t('regImport.nothing')} data-testid="reg-import-nothing" />}
            <Typography.Text type="secondary">{t('regImport.commitHint')}</Typography.Text>
            <Button type="primary" size="large" disabled={plan.entries === 0 || busy} loading={busy} onClick={() => void commit()} data-testid="reg-import-commit">
              {t('regImport.go', { n: plan.entries })}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}

function RejectsTable({ rejects }: { readonly rejects: readonly Reject[] }) {
  const { t } = useI18n();
  const why = (r: Reject['reasons'][number]) => {
    const key = `regImport.reject.${r.code}`;
    const params: Record<string, string | number> = { ...r.params, field: r.field ? t(`regImport.field.${r.field}`) : '' };
    return hasMessage(key) ? t(key, params) : r.text;
  };
  return (
    <Table<Reject>
      size="small"
      rowKey="rowNo"
      data-testid="reg-import-rejects"
      dataSource={[...rejects]}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('regImport.rowNo'), dataIndex: 'rowNo', width: 80, render: (n: number) => <span data-testid={`reg-reject-${n}`}>{n}</span> },
        { title: t('regImport.why'), key: 'why', render: (_v, r) => r.reasons.map(why).join('；') },
      ]}
    />
  );
}
