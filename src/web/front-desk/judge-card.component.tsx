// The judge card (判客): new or whose, protected until when, the last effective contact, broker
// protection, family, and every reason with its rule id (OWN-15).
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { Judgement } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { ProtectionStages } from '../broker/protection-stages.component.tsx';

function relationLabel(t: ReturnType<typeof useI18n>['t'], relation: string): string {
  switch (relation) {
    case 'spouse':
    case 'parent':
    case 'child':
    case 'sibling':
    case 'grandparent':
      return t(`relation.${relation}`);
    default:
      return t('desk.family');
  }
}

export function JudgeCard({ judgement }: { readonly judgement: Judgement }) {
  const { t } = useI18n();
  const { dateTime } = useProjectTime();
  const { nameOf } = useStaffNames();
  const j = judgement;
  const owner = j.owner ? (j.owner.name ?? nameOf(j.owner.id)) : null;
  // Known but never registered (a walk-in seen before) is still a new customer; known and unowned after
  // an owner is the public pool (lapsed, departed owner: OWN-2, OWN-10).
  const isNew = !j.known || j.reasons.some((r) => r.code === 'neverOwned');
  const headline =
    j.status === 'owned' && owner ? (
      <Tag color="volcano" className="judge-status" data-testid="judge-status" data-status="owned">
        {t('desk.ownedBy', { owner })}
      </Tag>
    ) : (
      <Tag color={isNew ? 'green' : 'default'} className="judge-status" data-testid="judge-status" data-status={isNew ? 'new' : 'pool'}>
        {isNew ? t('desk.newCustomer') : t('desk.publicPool')}
      </Tag>
    );
  return (
    <Card className="judge-card" data-testid="judge-card" title={headline} size="small">
      <Descriptions column={1} size="small">
        {j.customer && (
          <Descriptions.Item label={t('field.phone')}>
            {j.customer.phone} {j.customer.name ? `· ${j.customer.name}` : ''}
          </Descriptions.Item>
        )}
        {j.protectedUntil !== null && (
          <Descriptions.Item label={t('mgr.until')}>
            <span data-testid="judge-until">{j.protectedUntilLocal ?? dateTime(j.protectedUntil)}</span>
          </Descriptions.Item>
        )}
        {j.lastContact !== null && <Descriptions.Item label={t('mgr.lastContact')}>{dateTime(j.lastContact)}</Descriptions.Item>}
        <Descriptions.Item label={t('desk.brokerLabel')}>
          <span data-testid="judge-channel" data-broker={j.channel?.broker ?? ''}>
            {j.channel ? t('desk.brokerValue', { broker: nameOf(j.channel.broker), until: j.channel.untilLocal ?? dateTime(j.channel.until) }) : t('desk.noBroker')}
          </span>
        </Descriptions.Item>
        {/* CH-9: which stage of the broker's protection runs now (report→visit, visit→deal) and until when. */}
        {j.channel?.stage && (
          <Descriptions.Item label={t('desk.channelStage')}>
            <ProtectionStages stage={j.channel.stage.stage} untilLocal={j.channel.stage.untilLocal ?? dateTime(j.channel.stage.until)} visited={j.channel.stage.stage === 'visitToDeal'} />
          </Descriptions.Item>
        )}
        {j.family.length > 0 && (
          <Descriptions.Item label={t('desk.family')}>
            {j.family.map((m) => (
              <Tag key={m.phone}>
                {relationLabel(t, m.relation)} · {m.name ?? ''} {m.phone}
              </Tag>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Text type="secondary">{t('desk.whyTitle')}</Typography.Text>
      <ReasonList reasons={j.reasons} testId="judge-reasons" />
    </Card>
  );
}
