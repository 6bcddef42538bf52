// The words of the units' inbox (decision 017) in both languages: an item's status and what each answer
// does. Pure, so that the page and its tests say the same.
import type { InboxStatus } from '../../../../server/db/schema.ts';
import { t, type Lang } from '../../shared/i18n.ts';

type Words = readonly [zh: string, en: string];

/** The order the inbox counts and filters statuses in: the way an item moves. */
export const STATUS_ORDER: readonly InboxStatus[] = [
  'open',
  'accepted',
  'merged',
  'explained',
  'rejection_requested',
  'rejected',
];

export const STATUS_WORDS: Record<InboxStatus, Words> = {
  open: ['待答复', 'To answer'],
  accepted: ['已纳入台账', 'Accepted into the ledger'],
  merged: ['已并入问题', 'Merged'],
  explained: ['已解释说明', 'Explained'],
  rejection_requested: ['申请驳回', 'Rejection requested'],
  rejected: ['已驳回', 'Rejected'],
};

export type AnswerAction = 'accept' | 'merge' | 'explain' | 'request_rejection';

export const ANSWER_ORDER: readonly AnswerAction[] = ['accept', 'merge', 'explain', 'request_rejection'];

/** The button and what it does, for each answer. */
export const ANSWER_WORDS: Record<AnswerAction, { button: Words; help: Words }> = {
  accept: {
    button: ['纳入整改台账', 'Accept into the ledger'],
    help: [
      '新建一个问题（来源：评议），提交评议办审核备案；问题内容即群众反映的原文。',
      'Creates a problem (source: rating) for the office to file; its text is what the recipient wrote.',
    ],
  },
  merge: {
    button: ['并入已有问题', 'Merge with a problem'],
    help: [
      '与本单位台账上已有的同一问题合并，群众凭查询码可看到该问题的整改情况。',
      "Links it to the same problem already on the unit's ledger; the raiser's code follows that problem.",
    ],
  },
  explain: {
    button: ['解释说明', 'Explain'],
    help: [
      '不需要整改的（如误解政策、已办结），写明情况；群众凭查询码可看到这段说明。',
      'When nothing needs rectifying (a misunderstanding, already settled): the raiser sees this with their code.',
    ],
  },
  request_rejection: {
    button: ['申请驳回', 'Ask to reject'],
    help: [
      '内容恶意、无关或无法核实的，写明理由，由评议办决定是否驳回。',
      'Abusive or irrelevant content: give the reason; the office decides.',
    ],
  },
};

export function statusText(lang: Lang, status: string): string {
  const words = STATUS_WORDS[status as InboxStatus];
  return words ? t(lang, ...words) : status;
}

/** A starting title for the accept form: the report's first line, cut to a title's length. */
export function suggestedTitle(description: string, max = 30): string {
  const line = description.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : line;
}
