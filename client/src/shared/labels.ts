import { resultFlagWords, type ResultFlag } from '../../../formats/result-flag-words.ts';
/** Display names shared by every page: [中文, English]. */
export const RATER_LABEL: Record<string, [string, string]> = {
  superior: ['上级领导评', 'Superiors'],
  peer: ['同级部门评', 'Peer units'],
  recipient: ['服务对象评', 'Service recipients'],
};

export const STATUS_LABEL: Record<string, [string, string]> = {
  draft: ['筹备中', 'Draft'],
  open: ['进行中', 'Open'],
  closed: ['已结束', 'Closed'],
  published: ['已通报', 'Published'],
  archived: ['已归档', 'Archived'],
};

export const UNIT_LEVEL_LABEL: Record<'city' | 'county' | 'township' | 'department', [string, string]> = {
  city: ['市', 'City'],
  county: ['县（区）', 'County'],
  township: ['乡镇（街道）', 'Township'],
  department: ['部门', 'Department'],
};

/** Quality flags a ballot may carry (server/ballots/quality-flags.ts). */
export const FLAG_LABEL: Record<string, [string, string]> = {
  too_fast: ['填写过快', 'Filled too fast'],
  fill_time_missing: ['无填写时长', 'No fill time'],
  identical_pattern: ['所有单位评分相同', 'Same grade for every unit'],
  repeated_answers: ['短时间内重复相同答案', 'Same answers repeated'],
  burst: ['单位短时集中投票', 'Burst of votes for one unit'],
};

/**
 * The name a batch of codes gets when the office gives none, in the UI's language: chosen here and sent
 * with the request, since the name is stored and printed on the slips, in the CSV and in every list.
 * Like a name the office typed, it then shows as written in either language.
 */
export function defaultBatchLabel(lang: 'zh' | 'en', kind: keyof typeof RATER_LABEL | 'sms', date: Date): string {
  const day = date.toLocaleDateString('sv-SE'); // YYYY-MM-DD in the office's own time zone
  const [zh, en] = kind === 'sms' ? ['短信', 'SMS'] : (RATER_LABEL[kind] ?? [kind, kind]);
  return `${lang === 'zh' ? zh : en} ${day}`;
}

/**
 * The ballot counts by name, the same on every screen and export (scoring/result-types.ts,
 * BallotCountName): received = excluded + onlyDontKnow + counted.
 */
export const BALLOT_COUNT_LABEL: Record<'received' | 'excluded' | 'onlyDontKnow' | 'counted', [string, string]> = {
  received: ['收到的评价票', 'received'],
  excluded: ['复核排除', 'excluded after review'],
  onlyDontKnow: ['仅答“不了解”', 'only “don’t know”'],
  counted: ['计分票', 'counted'],
};

/** A result flag (scoring/result-types.ts, UnitFlag) in words, as the notice words it (formats/result-flag-words.ts). */
export function resultFlagText(lang: 'zh' | 'en', flag: ResultFlag): string {
  return resultFlagWords(flag, lang, (raterType) => {
    const zh = RATER_LABEL[raterType]?.[0];
    const en = RESULT_FLAG_RATER_EN[raterType];
    return zh && en ? { zh, en } : undefined;
  });
}

/** Rater types in running English text, as the notice's method writes them. */
const RESULT_FLAG_RATER_EN: Record<string, string> = {
  superior: 'superior leaders',
  peer: 'peer units',
  recipient: 'service recipients',
};
