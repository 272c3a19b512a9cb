// A credit (performance shares by consultant, `pool` the team pool 团奖) as people read it: names with
// percentages, largest share first (王磊 50%、李娜 50%).
import type { Credit } from '../../contracts/index.ts';
import type { Translate } from '../i18n/translate.ts';

export const POOL = 'pool';

export interface Share {
  readonly who: string;
  readonly percent: number;
}

export function shares(credit: Credit): Share[] {
  return Object.entries(credit)
    .map(([who, share]) => ({ who, percent: Math.round(share * 1000) / 10 }))
    .sort((a, b) => b.percent - a.percent || a.who.localeCompare(b.who));
}

/** The name of a share's holder: a consultant's name, or 团奖 for the pool. */
export function holderName(who: string, t: Translate, nameOf: (id: string) => string): string {
  return who === POOL ? t('ord.pool') : nameOf(who);
}

export function creditText(credit: Credit, t: Translate, nameOf: (id: string) => string): string {
  const list = shares(credit);
  if (list.length === 0) return t('ord.noCredit');
  return list.map((s) => `${holderName(s.who, t, nameOf)} ${s.percent}%`).join(t('ord.listSeparator'));
}
