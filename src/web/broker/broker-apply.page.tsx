// 经纪人入驻申请, the public sign-up (CH-1, CH-2): a broker names themselves, their kind (中介 / 分销 /
// 全民经纪人), company and store, and chooses a login; the account then waits for the channel manager's
// approval. Phone first, like the portal. The project comes from the link the office hands out (?project=).
import { Button, Card, Checkbox, Form, Input, Radio, Result, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { applyAsBroker } from '../api/channel-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import type { BrokerApplyAnswer, BrokerKindName } from '../../contracts/index.ts';
import { LanguageSwitch } from '../app/workspace-layout.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert, type Problem } from '../shared/error-alert.component.tsx';
import { showFormError } from '../shared/form-errors.ts';
import './broker.css';

interface Values {
  project: string;
  login: string;
  password: string;
  name: string;
  kind: BrokerKindName;
  company?: string;
  store?: string;
  companyLead?: boolean;
}

const FIELDS = ['project', 'login', 'password', 'name', 'kind', 'company', 'store', 'companyLead'];
const KINDS: readonly BrokerKindName[] = ['agency', 'distributor', 'individual'];

export function BrokerApplyPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState<BrokerApplyAnswer | null>(null);
  const key = useRef(newIdempotencyKey());

  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    const company = kind === 'individual' ? {} : { ...(v.company?.trim() ? { company: v.company.trim() } : {}), ...(v.store?.trim() ? { store: v.store.trim() } : {}), ...(v.companyLead ? { companyLead: true } : {}) };
    try {
      setDone(await applyAsBroker({ project: v.project.trim(), login: v.login.trim(), password: v.password, name: v.name.trim(), kind: v.kind, ...company }, { idempotencyKey: key.current }));
    } catch (error) {
      key.current = newIdempotencyKey();
      setProblem(showFormError(form, t, error, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <div className="login-page broker-apply">
        <Result
          status="success"
          title={t('apply.done')}
          subTitle={t('apply.doneHint', { login: done.login })}
          data-testid="apply-done"
          extra={
            <Button type="primary" onClick={() => navigate(`/login?next=${encodeURIComponent(`/p/${done.project}/broker`)}`)} data-testid="apply-sign-in">
              {t('apply.signIn')}
            </Button>
          }
        />
      </div>
    );

  return (
    <div className="login-page broker-apply">
      <Card className="login-card" title={<Typography.Title level={3}>{t('apply.title')}</Typography.Title>} extra={<LanguageSwitch />}>
        <Form<Values> form={form} layout="vertical" initialValues={{ project: params.get('project') ?? '', kind: 'agency' }} onFinish={(v) => void submit(v)} onValuesChange={() => setProblem(null)} requiredMark>
          <Form.Item name="project" label={t('apply.project')} rules={[{ required: true, whitespace: true, message: t('apply.projectRequired') }]} hidden={params.get('project') !== null}>
            <Input autoComplete="off" data-testid="apply-project" />
          </Form.Item>
          <Form.Item name="name" label={t('broker.name')} rules={[{ required: true, whitespace: true, message: t('check.nameRequired') }, { max: 64, message: t('check.tooLong') }]}>
            <Input autoComplete="name" data-testid="apply-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('broker.kind')}>
            <Radio.Group optionType="button" data-testid="apply-kind" options={KINDS.map((k) => ({ value: k, label: t(`broker.kind.${k}`) }))} />
          </Form.Item>
          {kind !== 'individual' && (
            <>
              <Form.Item name="company" label={t('broker.company')} rules={[{ required: true, whitespace: true, message: t('apply.companyRequired') }, { max: 64, message: t('check.tooLong') }]}>
                <Input data-testid="apply-company" />
              </Form.Item>
              <Form.Item name="store" label={t('broker.store')} rules={[{ max: 64, message: t('check.tooLong') }]}>
                <Input data-testid="apply-store" />
              </Form.Item>
              <Form.Item name="companyLead" valuePropName="checked">
                <Checkbox data-testid="apply-lead">{t('apply.companyLead')}</Checkbox>
              </Form.Item>
            </>
          )}
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }, { min: 3, message: t('apply.loginShort') }, { max: 64, message: t('check.tooLong') }]}>
            <Input autoComplete="username" data-testid="apply-login" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }, { min: 8, message: t('apply.passwordShort') }]}>
            <Input.Password autoComplete="new-password" data-testid="apply-password" />
          </Form.Item>
          <ErrorAlert problem={problem} testId="apply-error" />
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="apply-submit">
            {t('apply.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
