// DEAL-5's dossier side by side: the closer's and the claimant's records of the customer before the order
// (valid visit registration, last effective contact, every record with its time and kind), whether each side
// is complete (✓/✗) and why, and the outcome the records give.
import { Card, Col, Descriptions, List, Row, Space, Tag, Typography } from 'antd';
import type { DisputeDossier } from '../../contracts/index.ts';
import { followUpNoteText } from '../customers/follow-up-note.ts';
import { hasMessage } from '../i18n/translate.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { CreditLine } from './credit-line.component.tsx';

type Side = DisputeDossier['closerSide'];
type Ref = Side['registration'];

function SideCard({ side, role, customer, testId }: { readonly side: Side; readonly role: 'closer' | 'claimant'; readonly customer: DisputeDossier['orderCustomer']; readonly testId: string }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const { dateTime } = useProjectTime();
  // The records are the ownership walk's kinds (registration, arrival, followUp …), not fact types.
  const kind = (type: string) => {
    const own = `disp.kind.${type}`;
    const fact = `fact.${type}`;
    return hasMessage(own) ? t(own) : hasMessage(fact) ? t(fact) : t('fact.other');
  };
  const ref = (r: Ref) => (r ? `${dateTime(r.at)} · ${kind(r.type)}` : t('common.none'));
  return (
    <Card
      size="small"
      data-testid={testId}
      data-complete={side.complete}
      title={`${t(role === 'closer' ? 'disp.closer' : 'disp.claimant')}：${nameOf(side.who)}`}
      extra={
        <Tag color={side.complete ? 'green' : 'red'} data-testid={`${testId}-complete`}>
          {side.complete ? `✓ ${t('disp.complete')}` : `✗ ${t('disp.incomplete')}`}
        </Tag>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('disp.customer')}>{`${customer.name ?? ''} ${customer.phone}`.trim()}</Descriptions.Item>
        <Descriptions.Item label={t('disp.registration')}>{ref(side.registration)}</Descriptions.Item>
        <Descriptions.Item label={t('disp.lastContact')}>{ref(side.lastContact)}</Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('disp.records', { n: side.records.length })}</Typography.Text>
      <List
        size="small"
        dataSource={[...side.records]}
        locale={{ emptyText: t('disp.noRecords') }}
        renderItem={(r) => (
          <List.Item key={r.seq}>
            <Space size={8} wrap>
              <Typography.Text type="secondary">{r.atLocal ?? dateTime(r.at)}</Typography.Text>
              <Tag>{kind(r.type)}</Tag>
              {r.by && <Typography.Text>{nameOf(r.by)}</Typography.Text>}
              {r.note && <Typography.Text data-testid="dossier-note">{followUpNoteText(r.note, t)}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      <ReasonList reasons={side.reasons} testId={`${testId}-reasons`} />
    </Card>
  );
}

export function Dossier({ dossier }: { readonly dossier: DisputeDossier }) {
  const { t } = useI18n();
  const sideCodes = new Set([...dossier.closerSide.reasons, ...dossier.claimantSide.reasons].map((r) => r.code));
  const outcome = dossier.reasons.filter((r) => !sideCodes.has(r.code));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="dossier">
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <SideCard side={dossier.closerSide} role="closer" customer={dossier.orderCustomer} testId="dossier-closer" />
        </Col>
        <Col xs={24} md={12}>
          <SideCard side={dossier.claimantSide} role="claimant" customer={dossier.claimantCustomer} testId="dossier-claimant" />
        </Col>
      </Row>
      <Card size="small" title={t('disp.outcome')} data-testid="dossier-outcome">
        <CreditLine credit={dossier.computed} testId="dossier-computed" />
        <ReasonList reasons={outcome} />
      </Card>
    </Space>
  );
}
