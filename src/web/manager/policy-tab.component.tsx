// 规则设置: every knob of the office's policy, section by section, with what it means (zh-CN or English),
// the rule ids it controls and its standard value; field-level checks as the server makes them; a what-if
// of the edited policy over the last 30 days (nothing recorded); and saving, which records setPolicy.
// Supervisors read it; the manager edits.
import { App, Badge, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { command, getPolicy, policyWhatIf } from '../api/api-client.ts';
import { PageLoading } from '../app/page-loading.component.tsx';
import { isApiError } from '../api/api-error.ts';
import type { PolicyDoc, PolicyKnob, WhatIfAnswer } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { hasMessage } from '../i18n/translate.ts';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { changedKnobs, draftProblems, formatValue, knobOfIssue, sameValue, valueAt, withValue, type KnobProblem, type Locale } from './policy-form.ts';
import { KnobInput } from './policy-knob.component.tsx';
import { WhatIfResult } from './what-if-result.component.tsx';
import { useCan } from '../session/use-can.ts';

function KnobRow({ knob, draft, current, problem, editable, onChange }: {
  readonly knob: PolicyKnob;
  readonly draft: PolicyDoc;
  readonly current: PolicyDoc;
  readonly problem: KnobProblem | 'server' | undefined;
  readonly editable: boolean;
  readonly onChange: (path: string, value: unknown) => void;
}) {
  const { t, locale } = useI18n();
  const value = valueAt(draft, knob.path);
  const changed = !sameValue(value, valueAt(current, knob.path));
  const message = problem === undefined ? null : problem === 'server' ? t('policy.check.server') : t(problem.key, problem.params);
  return (
    <div className={`policy-knob${changed ? ' policy-knob-changed' : ''}`} data-testid={`knob-row-${knob.path}`}>
      <div className="policy-knob-text">
        <Space size={4} wrap>
          {knob.rules.map((rule) => (
            <Tag key={rule} color="blue" className="rule-tag">
              {rule}
            </Tag>
          ))}
          {changed && <Badge status="processing" text={t('policy.changed')} />}
          {!knob.enforced && <Tag>{t('policy.notEnforced')}</Tag>}
        </Space>
        <Typography.Paragraph className="policy-knob-description">{knob.description[locale as Locale]}</Typography.Paragraph>
        <Typography.Text type="secondary" className="policy-knob-standard">
          {t('policy.standard', { value: formatValue(knob, knob.standard, locale as Locale, t) })}
          {changed && ` · ${t('policy.inForce', { value: formatValue(knob, valueAt(current, knob.path), locale as Locale, t) })}`}
        </Typography.Text>
      </div>
      <div className="policy-knob-input">
        <KnobInput knob={knob} value={value} onChange={(v) => onChange(knob.path, v)} disabled={!editable} invalid={message !== null} />
        <div className="field-error" role="alert" data-testid={`knob-error-${knob.path}`}>
          {message}
        </div>
      </div>
    </div>
  );
}

export function PolicyTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { learn } = useStaffNames();
  // Trying and saving changes follow the server's role table (policyWhatIf, setPolicy).
  const can = useCan();
  const editable = can('setPolicy') && can('policyWhatIf');
  const loaded = useLoad(() => getPolicy(project), [project]);
  const catalogue = loaded.data;
  const [draft, setDraft] = useState<PolicyDoc | null>(null);
  const [serverIssues, setServerIssues] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<Problem>(null);
  const [whatIf, setWhatIf] = useState<{ readonly answer: WhatIfAnswer; readonly of: PolicyDoc } | null>(null);
  const [busy, setBusy] = useState<'whatIf' | 'save' | null>(null);
  const saveKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (catalogue) setDraft(catalogue.policy);
  }, [catalogue]);

  const knobs = useMemo(() => catalogue?.knobs ?? [], [catalogue]);
  const problems = useMemo(() => (draft ? draftProblems(knobs, draft) : new Map<string, KnobProblem>()), [knobs, draft]);
  const changed = useMemo(() => (draft && catalogue ? changedKnobs(knobs, catalogue.policy, draft) : []), [knobs, catalogue, draft]);

  const edit = useCallback((path: string, value: unknown) => {
    setDraft((d) => (d ? withValue(d, path, value) : d));
    setServerIssues((s) => {
      if (!s.has(path)) return s;
      const next = new Set(s);
      next.delete(path);
      return next;
    });
    setProblem(null);
  }, []);

  /** A refusal that names knobs lands on them; anything else is the page's message. */
  const refused = (error: unknown) => {
    const named = isApiError(error) ? error.fields.map((f) => knobOfIssue(knobs, f.field)).filter((k): k is string => k !== null) : [];
    if (named.length > 0) setServerIssues(new Set(named));
    setProblem(named.length > 0 && isApiError(error) && error.fields.length === named.length ? null : problemOf(error));
  };

  const runWhatIf = async () => {
    if (!draft || problems.size > 0) return;
    setBusy('whatIf');
    setProblem(null);
    try {
      const answer = await policyWhatIf(project, draft);
      learn(answer.names);
      setWhatIf({ answer, of: draft });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!draft || problems.size > 0) return;
    setBusy('save');
    setProblem(null);
    try {
      await command(project, 'setPolicy', { policy: draft }, { idempotencyKey: saveKey.current });
      saveKey.current = newIdempotencyKey();
      setWhatIf(null);
      void message.success(t('policy.saved'));
      loaded.reload();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(null);
    }
  };

  if (!catalogue || !draft) return loaded.problem ? <ErrorAlert problem={loaded.problem} /> : <PageLoading />;
  const stale = whatIf !== null && !sameValue(whatIf.of, draft);
  const sectionTitle = (section: string) => {
    const key = `policy.section.${section}`;
    return hasMessage(key) ? t(key) : section;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="policy-tab">
      <Card size="small">
        <Space wrap>
          {editable ? (
            <>
              <Button type="primary" onClick={() => void runWhatIf()} loading={busy === 'whatIf'} disabled={problems.size > 0} data-testid="policy-what-if" data-action="policyWhatIf">
                {t('policy.whatIf', { days: catalogue.whatIfDays })}
              </Button>
              <Popconfirm title={t('policy.saveConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => save()} disabled={changed.length === 0 || problems.size > 0}>
                <Button loading={busy === 'save'} disabled={changed.length === 0 || problems.size > 0} data-testid="policy-save" data-action="setPolicy">
                  {t('policy.save')}
                </Button>
              </Popconfirm>
              <Button onClick={() => (setDraft(catalogue.policy), setServerIssues(new Set()), setProblem(null))} disabled={changed.length === 0}>
                {t('policy.reset')}
              </Button>
              <Button onClick={() => (setDraft(catalogue.standard), setServerIssues(new Set()), setProblem(null))} disabled={sameValue(draft, catalogue.standard)}>
                {t('policy.useStandard')}
              </Button>
            </>
          ) : (
            <Typography.Text type="secondary">{t('policy.readOnly')}</Typography.Text>
          )}
          <Typography.Text type="secondary" data-testid="policy-changes">
            {changed.length === 0 ? t('policy.unchanged') : t('policy.changes', { n: changed.length })}
          </Typography.Text>
        </Space>
        <ErrorAlert problem={problem} onClose={() => setProblem(null)} />
        {problems.size > 0 && <Typography.Text type="danger">{t('policy.fixFirst', { n: problems.size })}</Typography.Text>}
      </Card>

      {whatIf && (
        <>
          {stale && <Typography.Text type="warning">{t('whatIf.stale')}</Typography.Text>}
          <WhatIfResult answer={whatIf.answer} />
        </>
      )}

      {catalogue.sections.map((section) => (
        <Card key={section} size="small" title={sectionTitle(section)} data-testid={`policy-section-${section}`}>
          {knobs
            .filter((k) => k.section === section)
            .map((knob) => (
              <KnobRow
                key={knob.path}
                knob={knob}
                draft={draft}
                current={catalogue.policy}
                problem={problems.get(knob.path) ?? (serverIssues.has(knob.path) ? 'server' : undefined)}
                editable={editable}
                onChange={edit}
              />
            ))}
        </Card>
      ))}
    </Space>
  );
}
