import { setLang, useLang } from './i18n.ts';

export function LangSwitch() {
  const lang = useLang();
  return (
    <button
      type="button"
      className="lang-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label="语言 / Language"
    >
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  );
}
