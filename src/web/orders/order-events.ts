// An order's story in time order, from its detail: each stage with its amount, each swap, each name
// change, each dispute, the decision and the end, as one list for a timeline.
import type { OrderDetailView } from '../../contracts/index.ts';
import type { Translate } from '../i18n/translate.ts';
import { creditText } from './credit.ts';
import { yuan } from './money.ts';

export interface OrderEvent {
  readonly at: string;
  readonly kind: 'stage' | 'swap' | 'buyer' | 'dispute' | 'resolution' | 'ended';
  readonly text: string;
  readonly colour: string;
}

export function orderEvents(d: OrderDetailView, t: Translate, nameOf: (id: string) => string): OrderEvent[] {
  const out: OrderEvent[] = [];
  for (const s of d.stages)
    out.push({ at: s.atLocal ?? '', kind: 'stage', colour: 'blue', text: t('ord.event.stage', { stage: t(`stage.${s.stage}`), amount: yuan(s.amount), by: nameOf(s.by) }) });
  for (const m of d.moves) {
    const text = t(m.reason ? 'ord.event.swapWhy' : 'ord.event.swap', { from: m.from, to: m.to, by: nameOf(m.by), reason: m.reason ?? '' });
    out.push({ at: m.atLocal ?? '', kind: 'swap', colour: 'orange', text });
  }
  for (const b of d.buyerChanges) out.push({ at: b.atLocal ?? '', kind: 'buyer', colour: 'purple', text: t(b.change === 'rename' ? 'ord.event.rename' : 'ord.event.addName', { by: nameOf(b.by), reason: b.reason }) });
  for (const x of d.disputes) out.push({ at: x.atLocal ?? '', kind: 'dispute', colour: x.accepted ? 'red' : 'gray', text: t(x.accepted ? 'ord.event.disputeAccepted' : 'ord.event.disputeRejected', { by: nameOf(x.by) }) });
  if (d.resolution) {
    const r = d.resolution;
    const credit = creditText(r.credit, t, nameOf);
    out.push({
      at: r.atLocal ?? '',
      kind: 'resolution',
      colour: 'green',
      text: r.overridden ? t('ord.event.overridden', { by: nameOf(r.by), credit, computed: creditText(r.computed, t, nameOf), reason: r.reason ?? '' }) : t('ord.event.resolved', { by: nameOf(r.by), credit }),
    });
  }
  if (d.ended) out.push({ at: d.ended.atLocal ?? '', kind: 'ended', colour: 'gray', text: t(d.ended.end === 'refund' ? 'ord.event.refund' : 'ord.event.default', { by: nameOf(d.ended.by), reason: d.ended.reason }) });
  // Local times as the server words them sort as text; the sort is stable, so same-minute events keep their kind order.
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
