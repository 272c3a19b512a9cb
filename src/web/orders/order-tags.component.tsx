// An order's stage, state (live / 退房 / 违约) and dispute state as tags.
import { Tag } from 'antd';
import type { DealStage, OrderSummaryView } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { STAGE_COLOURS } from './stages.ts';

export function StageTag({ stage }: { readonly stage: DealStage }) {
  const { t } = useI18n();
  return (
    <Tag color={STAGE_COLOURS[stage]} data-testid="order-stage" data-stage={stage}>
      {t(`stage.${stage}`)}
    </Tag>
  );
}

export function OrderStateTag({ state }: { readonly state: OrderSummaryView['state'] }) {
  const { t } = useI18n();
  if (state === 'live') return null;
  return (
    <Tag color="default" data-testid="order-state" data-state={state}>
      {t(`ord.state.${state}`)}
    </Tag>
  );
}

export function DisputeTag({ dispute }: { readonly dispute: OrderSummaryView['dispute'] }) {
  const { t } = useI18n();
  if (dispute === 'none') return null;
  return (
    <Tag color={dispute === 'open' ? 'red' : 'default'} data-testid="order-dispute" data-dispute={dispute}>
      {t(`ord.dispute.${dispute}`)}
    </Tag>
  );
}
