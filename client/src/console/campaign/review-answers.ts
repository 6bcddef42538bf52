import { t, type Lang } from '../../shared/i18n.ts';

// A flagged ballot's answers as the office reads them: each question's title and the chosen option's
// text, from the questionnaire's own definition, in the page's language.

type Json = Record<string, unknown>;

interface Question {
  title: string;
  /** Option value (as text) → its label. */
  options: Map<string, string>;
  type: string;
}

/** A SurveyJS localizable string: plain text, or Chinese under `default` and English under `en`. */
function localized(value: unknown, lang: Lang): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const text = value as Json;
    const zh = typeof text['default'] === 'string' ? text['default'] : (text['zh-cn'] as string | undefined);
    if (typeof zh === 'string') return t(lang, zh, typeof text['en'] === 'string' ? text['en'] : null);
  }
  return null;
}

function optionsOf(element: Json, lang: Lang): Map<string, string> {
  const options = new Map<string, string>();
  for (const list of [element['choices'], element['rateValues']]) {
    if (!Array.isArray(list)) continue;
    for (const option of list) {
      if (option && typeof option === 'object') {
        const { value, text } = option as Json;
        options.set(String(value), localized(text, lang) ?? String(value));
      } else options.set(String(option), String(option));
    }
  }
  if (element['showNoneItem']) options.set('none', localized(element['noneText'], lang) ?? t(lang, '无', 'None'));
  if (element['type'] === 'boolean') {
    options.set('true', localized(element['labelTrue'], lang) ?? t(lang, '是', 'Yes'));
    options.set('false', localized(element['labelFalse'], lang) ?? t(lang, '否', 'No'));
  }
  return options;
}

/** Every named question of a definition, panels included. */
export function questionsOf(definition: Json | null | undefined, lang: Lang): Map<string, Question> {
  const questions = new Map<string, Question>();
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Json[]) {
      if (typeof element['name'] === 'string' && element['type'] !== 'panel')
        questions.set(element['name'], {
          title: localized(element['title'], lang) ?? element['name'],
          options: optionsOf(element, lang),
          type: String(element['type'] ?? ''),
        });
      walk(element['elements']);
    }
  };
  for (const page of (definition?.['pages'] as Json[] | undefined) ?? []) walk(page['elements']);
  return questions;
}

function valueText(value: unknown, question: Question | undefined, lang: Lang): string {
  if (Array.isArray(value)) return value.map((v) => valueText(v, question, lang)).join(t(lang, '、', ', '));
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return question?.options.get(String(value)) ?? String(value);
}

/** The answers as [question, answer] rows in the questionnaire's order, unknown keys after. */
export function answerRows(
  answers: Json,
  questions: Map<string, Question>,
  lang: Lang,
): Array<{ key: string; question: string; answer: string }> {
  const keys = [...questions.keys()].filter((k) => k in answers);
  for (const key of Object.keys(answers)) if (!questions.has(key) && !keys.includes(key)) keys.push(key);
  return keys.map((key) => {
    const comment = /^(.*)-Comment$/.exec(key);
    const base = comment ? questions.get(comment[1]!) : undefined;
    const question = questions.get(key);
    const title = question?.title ?? (base ? `${base.title}${t(lang, '（补充说明）', ' (comment)')}` : key);
    return { key, question: title, answer: valueText(answers[key], question, lang) };
  });
}
