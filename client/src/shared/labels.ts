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

const weightPercent = (weight: unknown) => `${Math.round(Number(weight) * 10000) / 100}%`;

/**
 * A result flag (scoring/result-types.ts, UnitFlag) in words: the page's copy of the server's table
 * (server/publications/publication-flags.ts); a test holds the two to the same words.
 */
export function resultFlagText(lang: 'zh' | 'en', flag: { code: string; [key: string]: unknown }): string {
  const names = RATER_LABEL[String(flag['raterType'])];
  const zh = names?.[0] ?? String(flag['raterType'] ?? '');
  const en = RESULT_FLAG_RATER_EN[String(flag['raterType'])] ?? String(flag['raterType'] ?? '');
  const say = (chinese: string, english: string) => (lang === 'zh' ? chinese : english);
  switch (flag.code) {
    case 'raterTypeSuppressed':
      return say(
        `${zh}参评不足${String(flag['minimum'])}人，不公布该项得分，其权重${weightPercent(flag['weightRedistributed'])}已按比例分配给其他评议主体`,
        `${en}: fewer than ${String(flag['minimum'])} raters, no score published; its weight of ${weightPercent(flag['weightRedistributed'])} went to the others in proportion`,
      );
    case 'raterTypeMissing':
      return say(
        `无${zh}评议，其权重${weightPercent(flag['weightRedistributed'])}已按比例分配给其他评议主体`,
        `no ballots from ${en}; its weight of ${weightPercent(flag['weightRedistributed'])} went to the others in proportion`,
      );
    case 'trimmedMeanUnavailable':
      return say(
        `${zh}份数不足3份，未去掉最高分和最低分，按平均分计`,
        `${en}: fewer than 3 ballots, so the highest and lowest were not dropped (plain mean)`,
      );
    case 'notScored':
      return say('无有效评议，不计分', 'no valid ballots: not scored');
    case 'vetoed':
      return say(`一票否决：${String(flag['reason'])}`, `vetoed: ${String(flag['reason'])}`);
    case 'demotedByQuota':
      return say(
        `受名额限制由“${String(flag['from'])}”调整为“${String(flag['to'])}”`,
        `moved from “${String(flag['from'])}” to “${String(flag['to'])}” by the quota`,
      );
    case 'quotaBoundaryTie':
      return say(
        `“${String(flag['grade'])}”名额边界处${String(flag['tiedUnits'])}个单位得分并列，按规定${flag['policy'] === 'include' ? '一并保留' : '一并降等'}`,
        `${String(flag['tiedUnits'])} units tied at the “${String(flag['grade'])}” limit; by the rules they all ${flag['policy'] === 'include' ? 'stay' : 'move down'}`,
      );
    default:
      return flag.code;
  }
}

/** Rater types in running English text, as the notice's method writes them. */
const RESULT_FLAG_RATER_EN: Record<string, string> = {
  superior: 'superior leaders',
  peer: 'peer units',
  recipient: 'service recipients',
};
