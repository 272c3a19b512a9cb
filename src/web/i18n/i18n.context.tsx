// The language of the app: zh-CN first, English on request (remembered in localStorage). Every string a
// person reads comes from a catalogue through `t`; `{name}` placeholders take params. Only the zh-CN
// catalogue (and Ant Design's zh_CN locale) is in the first load: the English ones are fetched the first
// time someone asks for English, and the switch happens once they are here (issue 13: first-load bytes).
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translatorOf, type Locale, type Translate } from './translate.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

const STORAGE_KEY = 'anchang.locale';

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
  /** Ant Design's own texts (date pickers, pagination) in the same language. */
  readonly antdLocale: AntdLocale;
}

interface Loaded {
  readonly locale: Locale;
  readonly catalogue: Readonly<Record<MessageKey, string>>;
  readonly antdLocale: AntdLocale;
}

const ZH: Loaded = { locale: 'zh-CN', catalogue: zhCN, antdLocale: antdZhCN };

async function load(locale: Locale): Promise<Loaded> {
  if (locale === 'zh-CN') return ZH;
  const [{ en }, antdEn] = await Promise.all([import('./en.ts'), import('antd/locale/en_US')]);
  return { locale, catalogue: en, antdLocale: antdEn.default };
}

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(storedLocale);
  const [loaded, setLoaded] = useState<Loaded | null>(() => (wanted === 'zh-CN' ? ZH : null));
  useEffect(() => {
    let live = true;
    // A failed fetch (offline) keeps the language on screen rather than leaving the page blank.
    load(wanted).then(
      (next) => live && setLoaded(next),
      () => live && setLoaded((now) => now ?? ZH),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  const setLocale = useCallback((next: Locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setWanted(next);
  }, []);
  const value = useMemo<I18n | null>(
    () => (loaded ? { locale: loaded.locale, setLocale, t: translatorOf(loaded.catalogue), antdLocale: loaded.antdLocale } : null),
    [loaded, setLocale],
  );
  // Only when English was remembered and its catalogue is still on the way: a moment with nothing drawn.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
