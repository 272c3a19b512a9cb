// The zh-CN walk's detector: what counts as English, a raw code, a knob path or a login id on a screen.
import { describe, expect, it } from 'vitest';
import { englishCatalogueNeedles, englishInAnswer, leaks, rawCodes, type LeakCheck } from './language-leaks.ts';

const rules = (serverEnglish: string[] = []): LeakCheck => ({ catalogue: englishCatalogueNeedles(), codes: rawCodes(), serverEnglish: new Set(serverEnglish), logins: ['lianjia', 'liu'] });

describe('language leaks', () => {
  it('passes a zh-CN screen, the language switch ("English") and rule ids included', () => {
    expect(leaks('星河湾售楼处 前台接待 English 退出登录\n判定依据 OWN-2 王磊 首次有效登记（先登记者为准） 2026-12-06 14:05', rules())).toEqual([]);
  });

  it('finds English catalogue text, the server’s English, raw codes, knob paths and login ids', () => {
    const text = 'Quick registration\nCH-4 first report protects 60 days\nfirstReport\nownership.protectionDays\n查阅人 liu\n渠道 lianjia';
    expect(leaks(text, rules(['first report protects 60 days']))).toEqual([
      'English text "Quick registration"',
      'the server\'s English "first report protects 60 days"',
      'raw code "firstReport"',
      'raw path "ownership.protectionDays"',
      'login id "lianjia"',
      'login id "liu"',
    ]);
  });

  it('does not take a login inside another word for the login', () => {
    expect(leaks('liuxing 13800138001', rules())).toEqual([]);
  });

  it('collects the English a JSON answer carries: reasons’ texts and bilingual pairs', () => {
    const into = new Set<string>();
    englishInAnswer({ reasons: [{ rule: 'CH-4', code: 'firstReport', text: 'first report protects 60 days' }], knobs: [{ description: { 'zh-CN': '保护期', en: 'Protection days' } }] }, into);
    expect([...into]).toEqual(['first report protects 60 days', 'Protection days']);
  });
});
