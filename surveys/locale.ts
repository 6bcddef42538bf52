import { surveyLocalization } from 'survey-core';
// Registers the Chinese UI strings (buttons, built-in error texts) with survey-core.
import 'survey-core/i18n/simplified-chinese';

/**
 * The locale whose text sits under the `default` key of every localizable string in Pingyi's
 * questionnaires: `{ default: '中文', en: 'English' }`.
 *
 * survey-core treats its `defaultLocale` ('en' out of the box) as the `default` key, so with the
 * stock setting `survey.locale = 'en'` would still show the Chinese `default` text and never the
 * `en` one. Making zh-cn the default locale keeps `default` = Chinese and lets `en` work.
 */
export const DEFAULT_SURVEY_LOCALE = 'zh-cn';

/** Idempotent: safe to call from every entry point. */
export function useChineseAsDefaultLocale(): void {
  surveyLocalization.defaultLocale = DEFAULT_SURVEY_LOCALE;
}

useChineseAsDefaultLocale();
