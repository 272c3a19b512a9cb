// The money side's words on the page: credit as names with percentages (团奖 for the pool), the stages an
// order may move to, an override's percentages, and DEAL-3/DEAL-5 reasons naming people.
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/web/i18n/translate.ts';
import { creditOfPercents, sumOfPercents } from '../../src/web/orders/override-shares.ts';
import { creditText, shares } from '../../src/web/orders/credit.ts';
import { yuan } from '../../src/web/orders/money.ts';
import { nextStages } from '../../src/web/orders/stages.ts';
import { reasonText } from '../../src/web/shared/format-reason.ts';

const t = translator('zh-CN');
const names: Record<string, string> = { wang: '王磊', li: '李娜', liu: '刘经理' };
const nameOf = (id: string) => names[id] ?? id;
const f = { t, nameOf, zone: 'Asia/Shanghai' };

describe('credit on the page', () => {
  it('reads as names and percentages, largest first, the pool as 团奖', () => {
    expect(creditText({ li: 0.3, wang: 0.7 }, t, nameOf)).toBe('王磊 70%、李娜 30%');
    expect(creditText({ pool: 1 }, t, nameOf)).toBe('团奖 100%');
    expect(creditText({}, t, nameOf)).toBe('无业绩（订单已结束）');
    expect(shares({ wang: 1 / 3, li: 2 / 3 }).map((s) => s.percent)).toEqual([66.7, 33.3]);
    expect(creditText({ pool: 1 }, translator('en'), nameOf)).toBe('Team pool 100%');
  });

  it('an override turns percentages into shares that sum to 1, leaving out zeros', () => {
    expect(creditOfPercents({ wang: 30, li: 70, pool: 0 })).toEqual({ wang: 0.3, li: 0.7 });
    expect(sumOfPercents({ wang: 33.3, li: 33.3, pool: 33.4 })).toBe(100);
    expect(sumOfPercents({ wang: 50, li: null })).toBe(50);
  });

  it('amounts read in yuan', () => {
    expect(yuan(2_968_000)).toBe('¥2,968,000');
    expect(yuan(null)).toBe('—');
  });
});

describe('stages', () => {
  it('move forward only, skipping allowed', () => {
    expect(nextStages('deposit')).toEqual(['subscription', 'contract', 'fullPayment']);
    expect(nextStages('fullPayment')).toEqual([]);
  });
});

describe('DEAL reasons name people', () => {
  it('splits, dossiers and refusals', () => {
    expect(reasonText({ rule: 'DEAL-3', code: 'namedLaterSplit', text: 'x', params: { named: 'wang', earlier: 'li' } }, f)).toBe('客户后来点名 王磊，此前由 李娜 接待，按比例分成');
    expect(reasonText({ rule: 'DEAL-5', code: 'bothComplete', text: 'x', params: { closer: 'wang', claimant: 'li' } }, f)).toBe('双方记录均完整（王磊、李娜）：各 50%');
    expect(reasonText({ rule: 'DEAL-2', code: 'stageBackwards', text: 'x', params: { stage: 'subscription', asked: 'deposit' } }, f)).toBe('订单已处于 认购，不能回退');
    expect(reasonText({ rule: 'DEAL-2', code: 'orderSwapped', text: 'x', params: { from: '1-0301', to: '2-1502', stage: 'fullPayment' } }, f)).toBe('订单从 1-0301 换到 2-1502（全款），业绩不变；1-0301 重新可售');
  });
});
