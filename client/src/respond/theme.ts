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
    // Descriptions and validation messages at ≥ 4.5:1 (WCAG AA): survey-core's defaults are 3.19:1 and 3.63:1.
    '--sjs-general-forecolor-light': 'rgba(0, 0, 0, 0.66)',
    '--sjs-special-red': '#b00020',
    '--sjs-special-red-light': 'rgba(176, 0, 32, 0.08)',
    '--sjs-base-unit': '7px',
    '--sjs-corner-radius': '6px',
  },
};
