// Looking messages up and filling their `{name}` placeholders; no React here (tests use it directly).
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export type Params = Readonly<Record<string, string | number | null | undefined>>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { 'zh-CN': zhCN, en };

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Whether the catalogues have a key (for codes that come from the server and may be new). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

export function translator(locale: Locale): Translate {
  return translatorOf(CATALOGUES[locale]);
}

/** A translator over one catalogue; the web app loads the English one only when someone switches to it. */
export function translatorOf(catalogue: Readonly<Record<MessageKey, string>>): Translate {
  return (key, params) => interpolate(catalogue[key], params);
}
