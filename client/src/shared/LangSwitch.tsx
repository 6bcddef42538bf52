import { setLang, useLang } from './i18n.ts';

export function LangSwitch() {
  const lang = useLang();
  return (
    <button
      type="button"
      className="lang-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      // The label names the language it switches to, in that language: its accessible name is its text.
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
    >
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  );
}
