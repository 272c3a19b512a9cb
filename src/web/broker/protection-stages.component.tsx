// Two-stage protection (CH-9) as steps: 报备 → 到访 → 成交. Under the standard mode one period runs from
// the report to the deal; under `reportToVisitToDeal` the report protects until the visit, and the visit
// starts the second period until the deal. The current stage carries its end; shared by the broker's
// report card and the desk's judge card.
import { Steps } from 'antd';
import type { ProtectionStage } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

export function ProtectionStages({ stage, untilLocal, visited }: { readonly stage: ProtectionStage | null; readonly untilLocal: string | null; readonly visited: boolean }) {
  const { t } = useI18n();
  const until = untilLocal ? t('broker.stageUntil', { until: untilLocal }) : undefined;
  const twoStage = stage === 'reportToVisit' || stage === 'visitToDeal';
  const current = twoStage ? (stage === 'reportToVisit' ? 0 : 1) : visited ? 1 : 0;
  const items = twoStage
    ? [
        { title: t('broker.stage.reportToVisit'), description: current === 0 ? until : undefined },
        { title: t('broker.stage.visitToDeal'), description: current === 1 ? until : undefined },
        { title: t('broker.stage.deal') },
      ]
    : // One period from the report to the deal: the visit is a milestone inside it, not a new period.
      [{ title: t('broker.stage.reportToDeal'), description: stage ? until : undefined }, { title: t('broker.stage.visit') }, { title: t('broker.stage.deal') }];
  return <Steps size="small" direction="horizontal" responsive={false} className="protection-stages" data-testid="protection-stages" data-stage={stage ?? 'none'} current={current} items={items} />;
}
