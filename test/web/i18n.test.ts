// The catalogues against what the server can say: every error code and every reason code the rules emit
// has a zh-CN (and English) message, and a reason reads with names, translated values and its rule id.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/api/error-map.ts';
import { en } from '../../src/web/i18n/en.ts';
import { CATALOGUES, hasMessage, translator, type Locale } from '../../src/web/i18n/translate.ts';
import { zhCN } from '../../src/web/i18n/zh-CN.ts';
import { reasonText } from '../../src/web/shared/format-reason.ts';
import { apiCodes, factTypes, reasonCodes, refusalCodes } from './server-codes.ts';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The keys among `keys` that some language lacks or leaves empty, as `locale key`. */
function untranslated(keys: readonly string[]): string[] {
  return LOCALES.flatMap((locale) => keys.filter((k) => !(CATALOGUES[locale] as Record<string, string | undefined>)[k]?.trim()).map((k) => `${locale} ${k}`));
}

describe('message catalogues', () => {
  it('have the same keys in zh-CN and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('translate every error code the API answers with: its own, and every refusal the handlers decide', () => {
    const codes = [...new Set([...Object.keys(MESSAGES), ...apiCodes(), ...refusalCodes()])];
    expect(refusalCodes().length).toBeGreaterThan(10);
    expect(untranslated(codes.map((code) => `error.${code}`))).toEqual([]);
  });

  it('explain every reason code the rules and handlers emit (OWN-15), in both languages', () => {
    const { codes, dynamic } = reasonCodes();
    expect(codes.size).toBeGreaterThan(60);
    // Codes chosen by a ternary, and reasons built in the handlers, are found too.
    for (const code of ['firstReport', 'secondReport', 'coverSplit', 'referralCoverSplit', 'away']) expect(codes).toContain(code);
    expect(dynamic, 'reason(…) calls whose code is not a literal: the catalogue test cannot see them').toEqual([]);
    expect(untranslated([...codes].map((code) => `reason.${code}`))).toEqual([]);
  });

  it('name every kind of recorded fact', () => {
    const types = factTypes();
    expect(types).toContain('partyArrived');
    expect(untranslated(types.map((type) => `fact.${type}`))).toEqual([]);
  });
});

describe('reasonText', () => {
  const t = translator('zh-CN');
  const names: Record<string, string> = { wang: '王磊', liu: '刘经理' };
  const nameOf = (id: string) => names[id] ?? id;

  it('names staff and translates values', () => {
    expect(reasonText({ rule: 'OWN-3', code: 'reachedFollowUp', text: 'x', params: { owner: 'wang', via: 'wechat' } }, { t, nameOf, zone: 'Asia/Shanghai' })).toBe('王磊 通过微信跟进并联系上客户');
    expect(reasonText({ rule: 'OWN-5', code: 'reassigned', text: 'x', params: { owner: 'wang', by: 'liu' } }, { t, nameOf, zone: 'Asia/Shanghai' })).toBe('经理 刘经理 将客户分配给 王磊');
    expect(reasonText({ rule: 'REG-2', code: 'invalidRegistration', text: 'x', params: { missing: 'name,needs' } }, { t, nameOf, zone: 'Asia/Shanghai' })).toBe('登记已保存但无效：缺少 姓名、购房需求');
  });

  it('never shows an unfilled placeholder, and a new code reads by its rule in zh-CN, by the server text in English', () => {
    expect(reasonText({ rule: 'ROT-2', code: 'upTurn', text: 'x' }, { t, nameOf, zone: 'Asia/Shanghai' })).not.toMatch(/\{\w+\}/);
    expect(reasonText({ rule: 'ROT-99', code: 'brandNew', text: 'server words' }, { t, nameOf, zone: 'Asia/Shanghai' })).toBe('依据规则 ROT-99 判定');
    expect(reasonText({ rule: 'ROT-99', code: 'brandNew', text: 'server words' }, { t: translator('en'), nameOf, zone: 'Asia/Shanghai' })).toBe('server words');
  });
});
