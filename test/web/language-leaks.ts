// What must not show on a zh-CN screen: a text of the English catalogue (its literal parts longer than
// three letters, unless zh-CN says the same), a reason's English `text` or any English text the server sent
// beside a zh-CN one, a raw reason code or fact kind, a policy knob's path, a bare login id.
import { en } from '../../src/web/i18n/en.ts';
import { zhCN } from '../../src/web/i18n/zh-CN.ts';
import { factTypes, reasonCodes } from './server-codes.ts';

const ZH_VALUES: readonly string[] = Object.values(zhCN);

/** The literal pieces of the English catalogue that could only come from it. */
export function englishCatalogueNeedles(): string[] {
  const out = new Set<string>();
  for (const value of Object.values(en) as string[]) {
    if (ZH_VALUES.includes(value)) continue;
    for (const piece of value.split(/\{\w+\}/)) {
      const literal = piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
      if ((literal.match(/[A-Za-z]/g) ?? []).length <= 3) continue;
      if (ZH_VALUES.some((z) => z.includes(literal))) continue;
      out.add(literal);
    }
  }
  return [...out];
}

/** Codes that only a missing translation would print: reason codes and fact kinds (camelCase words). */
export function rawCodes(): string[] {
  return [...new Set([...reasonCodes().codes, ...factTypes()])].filter((c) => /[a-z][A-Z]/.test(c));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `needle` as a whole word (or words) of `text`. */
function containsWords(text: string, needle: string): boolean {
  const start = /^\w/.test(needle) ? '(?<![A-Za-z0-9_])' : '';
  const end = /\w$/.test(needle) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${start}${escape(needle)}${end}`).test(text);
}

export interface LeakCheck {
  readonly catalogue: readonly string[];
  readonly codes: readonly string[];
  /** English texts the server sent on this walk (reasons' `text`, bilingual `en` fields). */
  readonly serverEnglish: ReadonlySet<string>;
  /** Login ids that should read as people's names. */
  readonly logins: readonly string[];
}

/** Every leak on a page's visible text, as a short description. */
export function leaks(text: string, check: LeakCheck): string[] {
  const found: string[] = [];
  for (const needle of check.catalogue) if (containsWords(text, needle)) found.push(`English text "${needle}"`);
  for (const sent of check.serverEnglish) if (text.includes(sent)) found.push(`the server's English "${sent}"`);
  for (const code of check.codes) if (containsWords(text, code)) found.push(`raw code "${code}"`);
  for (const m of text.matchAll(/(?<![\w/.@])[a-z]+(?:\.[a-z][A-Za-z0-9]*)+(?![\w/])/g)) found.push(`raw path "${m[0]}"`);
  for (const login of check.logins) if (containsWords(text, login)) found.push(`login id "${login}"`);
  return [...new Set(found)];
}

/** English texts inside a JSON answer: each reason's `text` and each `{ 'zh-CN', en }` pair's `en`. */
export function englishInAnswer(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) englishInAnswer(v, into);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.rule === 'string' && typeof o.code === 'string' && typeof o.text === 'string' && o.text.length > 3) into.add(o.text);
    if (typeof o.en === 'string' && typeof o['zh-CN'] === 'string' && o.en !== o['zh-CN'] && /[A-Za-z]{4}/.test(o.en)) into.add(o.en);
    for (const v of Object.values(o)) englishInAnswer(v, into);
  }
}
