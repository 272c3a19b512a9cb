// The catalogues against what the server can say: every error code and every reason code the rules emit
// has a zh-CN (and English) message, and a reason reads with names, translated values and its rule id.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/api/error-map.ts';
import { en } from '../../src/web/i18n/en.ts';
import { hasMessage, translator } from '../../src/web/i18n/translate.ts';
import { zhCN } from '../../src/web/i18n/zh-CN.ts';
import { reasonText } from '../../src/web/shared/format-reason.ts';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'web' ? [] : sourceFiles(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every `reason('RULE-N', 'code', …)` in the server's sources. */
function reasonCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/reason\(\s*'[A-Z]+-\d+',\s*'(\w+)'/g)) codes.add(m[1] as string);
  }
  return codes;
}

describe('message catalogues', () => {
  it('have the same keys in zh-CN and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('translate every error code the API answers with', () => {
    const missing = Object.keys(MESSAGES).filter((code) => !hasMessage(`error.${code}`));
    expect(missing).toEqual([]);
  });

  it('explain every reason code the rules emit (OWN-15)', () => {
    const codes = reasonCodes();
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter((code) => !hasMessage(`reason.${code}`))).toEqual([]);
  });
});

describe('reasonText', () => {
  const t = translator('zh-CN');
  const names: Record<string, string> = { wang: '王磊', liu: '刘经理' };
  const nameOf = (id: string) => names[id] ?? id;

  it('names staff and translates values', () => {
    expect(reasonText({ rule: 'OWN-3', code: 'reachedFollowUp', text: 'x', params: { owner: 'wang', via: 'wechat' } }, { t, nameOf })).toBe('王磊 通过微信跟进并联系上客户');
    expect(reasonText({ rule: 'OWN-5', code: 'reassigned', text: 'x', params: { owner: 'wang', by: 'liu' } }, { t, nameOf })).toBe('经理 刘经理 将客户分配给 王磊');
    expect(reasonText({ rule: 'REG-2', code: 'invalidRegistration', text: 'x', params: { missing: 'name,needs' } }, { t, nameOf })).toBe('登记已保存但无效：缺少 姓名、购房需求');
  });

  it('never shows an unfilled placeholder, and falls back to the server text for a new code', () => {
    expect(reasonText({ rule: 'ROT-2', code: 'upTurn', text: 'x' }, { t, nameOf })).not.toMatch(/\{\w+\}/);
    expect(reasonText({ rule: 'ROT-99', code: 'brandNew', text: 'server words' }, { t, nameOf })).toBe('server words');
  });
});
