// The words of the rectification ledger (decision 017) in both languages: states, sources, actions and the
// fields a timeline entry names. Pure, so the ledger, the problem page and the dashboards say the same,
// and the unit tests check every state and action has words.
import type { ProblemSource, ProblemState } from '../../../../server/db/schema.ts';
import type { ProblemAction } from '../../../../server/problems/problem-states.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { SOURCE_WORDS, STATE_WORDS, type Words } from '../../shared/problem-words.ts';

export { SOURCE_WORDS, STATE_WORDS };

/** The order the ledger counts and filters states in: the way a problem moves. */
export const STATE_ORDER: readonly ProblemState[] = [
  'draft',
  'submitted',
  'returned',
  'filed',
  'in_progress',
  'claimed',
  'closed',
  'explained',
];

export const SOURCE_ORDER: readonly ProblemSource[] = [
  'self',
  'rating',
  'visit',
  'hotline',
  'inspection',
  'media',
  'assigned',
];

/** What a button says for each action the API may allow. */
export const ACTION_WORDS: Record<ProblemAction, Words> = {
  edit: ['修改', 'Edit'],
  submit: ['提交审核', 'Submit for review'],
  return: ['退回', 'Return'],
  file: ['审核备案', 'File'],
  start: ['开始整改', 'Start'],
  progress: ['更新进展', 'Report progress'],
  claim: ['申请销号', 'Claim completion'],
  close: ['销号', 'Close'],
  reopen: ['重新整改', 'Reopen'],
  explain: ['解释说明（不予受理）', 'Explain (not accepted)'],
  extend: ['延期', 'Extend the deadline'],
  evidence: ['上传佐证材料', 'Upload evidence'],
};

/** The actions that are buttons with a dialog; `edit` is the form itself and `evidence` is the upload. */
export const DIALOG_ACTIONS = [
  'submit',
  'return',
  'file',
  'start',
  'progress',
  'claim',
  'close',
  'reopen',
  'explain',
  'extend',
] as const satisfies readonly ProblemAction[];
export type DialogAction = (typeof DIALOG_ACTIONS)[number];

/** Whether the action needs a note (problem-states.ts RULES: the server refuses without one). */
export const NOTE_REQUIRED: Record<DialogAction, boolean> = {
  submit: false,
  return: true,
  file: false,
  start: false,
  progress: true,
  claim: true,
  close: false,
  reopen: true,
  explain: true,
  extend: true,
};

/** What the note of each action is called in its dialog. */
export const NOTE_LABEL: Record<DialogAction, Words> = {
  submit: ['备注（可选）', 'Note (optional)'],
  return: ['退回理由', 'Why it is returned'],
  file: ['备注（可选）', 'Note (optional)'],
  start: ['备注（可选）', 'Note (optional)'],
  progress: ['本次整改进展', 'The progress made'],
  claim: ['整改完成情况（做了什么、效果如何）', 'What was done, and with what result'],
  close: ['验收意见（可选）', 'Acceptance note (optional)'],
  reopen: ['重新整改的原因', 'Why it is reopened'],
  explain: ['解释说明（不予受理的理由）', 'The explanation (why it is not accepted)'],
  extend: ['延期理由', 'Why the deadline moves'],
};

/** What a timeline entry did, in words: the actions, and the entries other parts of the module write. */
const EVENT_WORDS: Record<string, Words> = {
  create: ['创建', 'Created'],
  edit: ['修改内容', 'Edited'],
  submit: ['提交审核', 'Submitted for review'],
  return: ['退回修改', 'Returned'],
  file: ['审核备案', 'Filed'],
  start: ['开始整改', 'Started'],
  progress: ['更新进展', 'Progress'],
  claim: ['申请销号', 'Completion claimed'],
  close: ['销号', 'Closed'],
  reopen: ['重新整改', 'Reopened'],
  explain: ['解释说明', 'Explained'],
  extend: ['延期', 'Deadline extended'],
  evidence: ['上传佐证材料', 'Evidence uploaded'],
  merge: ['合并问题反映', 'Report merged'],
  rate: ['整改评价', 'Fix rated'],
};

export function eventText(lang: Lang, action: string): string {
  const words = EVENT_WORDS[action];
  return words ? t(lang, ...words) : action;
}

/** The fields an edit may change, by their names in the timeline (database columns or API names). */
const FIELD_WORDS: Record<string, Words> = {
  title: ['问题', 'Problem'],
  detail: ['具体表现', 'Detail'],
  source: ['来源', 'Source'],
  source_ref: ['来源编号', 'Source reference'],
  sourceRef: ['来源编号', 'Source reference'],
  type_id: ['类型', 'Type'],
  typeId: ['类型', 'Type'],
  leader: ['责任领导', 'Responsible leader'],
  owner: ['责任人', 'Responsible person'],
  measures: ['整改措施', 'Measures'],
  deadline: ['时限', 'Deadline'],
  visibility: ['公开范围', 'Visibility'],
  campaign_id: ['评议活动', 'Campaign'],
  campaignId: ['评议活动', 'Campaign'],
  explanation: ['解释说明', 'Explanation'],
  unit_id: ['责任单位', 'Unit'],
  unitId: ['责任单位', 'Unit'],
};

export function fieldText(lang: Lang, field: string): string {
  const words = FIELD_WORDS[field];
  return words ? t(lang, ...words) : field;
}

export function stateText(lang: Lang, state: string): string {
  const words = STATE_WORDS[state as ProblemState];
  return words ? t(lang, ...words) : state;
}

export function sourceText(lang: Lang, source: string): string {
  const words = SOURCE_WORDS[source as ProblemSource];
  return words ? t(lang, ...words) : source;
}

export function visibilityText(lang: Lang, visibility: string): string {
  return visibility === 'internal' ? t(lang, '内部', 'Internal') : t(lang, '公开', 'Public');
}

/** "逾期3个工作日": how late an open problem is; empty when it is not late. */
export function overdueText(lang: Lang, overdue: boolean, workingDays: number | null | undefined): string {
  if (!overdue) return '';
  if (!workingDays || workingDays < 1) return t(lang, '已逾期', 'Overdue');
  return t(lang, `逾期${workingDays}个工作日`, `${workingDays} working day${workingDays === 1 ? '' : 's'} overdue`);
}

/** A value of a changed field as the timeline shows it: empty as "（空）", long text cut short. */
export function changeValueText(lang: Lang, field: string, value: unknown, typeNames?: ReadonlyMap<number, string>) {
  if (value === null || value === undefined || value === '') return t(lang, '（空）', '(empty)');
  if ((field === 'type_id' || field === 'typeId') && typeof value === 'number')
    return typeNames?.get(value) ?? `#${value}`;
  if (field === 'source') return sourceText(lang, String(value));
  if (field === 'visibility') return visibilityText(lang, String(value));
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [...text].length > 60 ? `${[...text].slice(0, 60).join('')}…` : text;
}

/** A timeline entry's `changes` (`{field: [old, new]}`, as stored or already parsed) as [field, old, new] rows. */
export function changeRows(changes: unknown): [field: string, old: unknown, now: unknown][] {
  let parsed: unknown = changes;
  if (typeof changes === 'string') {
    try {
      parsed = JSON.parse(changes);
    } catch {
      return [];
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, unknown>).flatMap(([field, pair]) =>
    Array.isArray(pair) && pair.length === 2 ? [[field, pair[0], pair[1]] as [string, unknown, unknown]] : [],
  );
}

/** A percentage of a part in a whole, rounded to a whole number, or null when there is no whole. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}
