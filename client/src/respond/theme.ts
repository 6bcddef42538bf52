import type { ITheme } from 'survey-core';

/** A calm red-and-white theme that reads as an official government page, with system CJK fonts. */
export const PINGYI_SURVEY_THEME: ITheme = {
  themeName: 'pingyi',
  colorPalette: 'light',
  isPanelless: true,
  cssVariables: {
    '--sjs-general-backcolor-dim': '#f6f4f2',
    '--sjs-primary-backcolor': '#b71c1c',
    '--sjs-primary-backcolor-dark': '#8e1515',
    '--sjs-primary-backcolor-light': 'rgba(183, 28, 28, 0.1)',
    '--sjs-primary-forecolor': '#ffffff',
    '--sjs-font-family':
      '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
    '--sjs-base-unit': '7px',
    '--sjs-corner-radius': '6px',
  },
};
