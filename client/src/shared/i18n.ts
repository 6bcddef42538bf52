import { useSyncExternalStore } from 'react';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'pingyi.lang';
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = initialLang();

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener();
}

/** The current language; Simplified Chinese unless the user chose English. */
export function useLang(): Lang {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/**
 * Picks the text for the current language: `t(lang, '中文', 'English')`. A name the office gave only in
 * Chinese (a unit, category or campaign without an English name) shows in Chinese in the English UI
 * rather than as a blank: it is data the office typed, not a label of the interface.
 */
export function t(lang: Lang, zh: string, en: string | null | undefined): string {
  if (lang === 'zh') return zh;
  return en === null || en === undefined || en.trim() === '' ? zh : en;
}

/** SurveyJS locale for a UI language (Chinese is the questionnaires' default locale). */
export function surveyLocale(lang: Lang): string {
  return lang === 'zh' ? 'zh-cn' : 'en';
}
