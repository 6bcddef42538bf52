import type { PublicAction, PublicActor } from '../../../server/ledger/ledger-view.ts';
import { t, type Lang } from '../shared/i18n.ts';
import type { Words } from '../shared/problem-words.ts';

// The words of the public ledger and 整改周周见, in both languages (states and sources: shared/problem-words.ts).

export const PUBLIC_ACTION_WORDS: Record<PublicAction, Words> = {
  file: ['审核备案', 'Filed'],
  start: ['开始整改', 'Work started'],
  progress: ['整改进展', 'Progress'],
  evidence: ['补充整改材料', 'Evidence added'],
  claim: ['申请销号', 'Completion claimed'],
  close: ['验收销号', 'Closed after acceptance'],
  reopen: ['重新整改', 'Reopened'],
  explain: ['解释说明（不予受理）', 'Explained (not accepted)'],
  extend: ['延期', 'Deadline extended'],
};

export const PUBLIC_ACTOR_WORDS: Record<PublicActor, Words> = {
  unit: ['责任单位', 'The unit'],
  office: ['评议办', 'The evaluation office'],
  raiser: ['问题反映人', 'The person who raised it'],
  system: ['系统', 'The system'],
};

export function words(lang: Lang, pair: Words): string {
  return t(lang, pair[0], pair[1]);
}

/** A China day as a reader writes it: 2025年9月22日 / 22 Sep 2025 (or without the year). */
export function dayText(lang: Lang, day: string, withYear = true): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (lang === 'zh') return withYear ? `${year}年${month}月${date}日` : `${month}月${date}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return withYear ? `${date} ${months[month - 1]} ${year}` : `${date} ${months[month - 1]}`;
}

/** The week from its Monday to its Sunday. */
export function weekText(lang: Lang, week: string, weekEnd: string): string {
  const sameYear = week.slice(0, 4) === weekEnd.slice(0, 4);
  return lang === 'zh'
    ? `${dayText(lang, week)}至${dayText(lang, weekEnd, !sameYear)}`
    : `${dayText(lang, week, !sameYear)} – ${dayText(lang, weekEnd)}`;
}

export const FEED_HREF = '/api/public/weekly.atom';
