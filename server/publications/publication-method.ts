// The method paragraph of a notice, in words the public reads: who rated, the weights as percentages,
// how a score is counted, the anonymity minimums, how ranks and grades are decided, and a footnote on
// rank ranges. Generated from the frozen settings when a version is published and stored with it, so
// a version keeps the wording it was published with. Chinese and English are written side by side; the
// office's own texts (issuer, unit and grade names) stay as the office wrote them.
import type { RaterType } from '../../scoring/rater-type.ts';
import type { GradingSettings, RaterWeights, TieBreak } from '../../scoring/settings.ts';
import { chineseDate, englishDate, noticeDay } from './publication-notice.ts';

export const RATER_NAMES: Record<RaterType, { zh: string; en: string; zhGroup: string }> = {
  superior: { zh: '上级领导评', en: 'superior leaders', zhGroup: '上级领导' },
  peer: { zh: '同级部门评', en: 'peer units', zhGroup: '同级部门' },
  recipient: { zh: '服务对象评', en: 'service recipients', zhGroup: '服务对象' },
};

export interface NoticeMethodText {
  /** The opening paragraph: who ran what, when, with how many ballots. */
  readonly intro: string;
  /** The method paragraphs (一、评议方法). */
  readonly method: readonly string[];
  /**
   * The sentence naming rank ranges (without its full stop: the footnote mark goes before it) and the
   * footnote saying what one is; null when no category is ranked.
   */
  readonly rankRange: { readonly lead: string; readonly note: string } | null;
}

export interface NoticeMethod {
  readonly zh: NoticeMethodText;
  readonly en: NoticeMethodText;
}

/** The frozen parts of a publication the method is written from. */
export interface MethodInput {
  readonly campaign: {
    readonly name: string;
    readonly nameEn: string;
    readonly startsAt: string;
    readonly endsAt: string;
    readonly closedAt: string | null;
  };
  readonly issuer: string;
  readonly settings: {
    readonly raterTypes: readonly {
      readonly raterType: RaterType;
      readonly minimumBallots: number;
      readonly statistic: string;
      readonly scale: readonly { readonly label: string; readonly points: number }[];
    }[];
    /** 'pooled' | 'raterMean' | 'itemMean'; absent in documents published before the setting (pooled). */
    readonly itemCombination?: string;
    readonly weights: RaterWeights;
    readonly categoryWeights: readonly { readonly category: string; readonly weights: RaterWeights }[];
    readonly precision: number;
    readonly confidence: number;
    readonly tieBreaks: readonly TieBreak[];
    readonly grading: GradingSettings | null;
    readonly vetoes: readonly unknown[];
  };
  /** The counted ballots (计分票) per rater type. */
  readonly ballots: Readonly<Record<string, number>>;
  /** received = excluded + onlyDontKnow + counted per rater type (publication-counts.ts). */
  readonly ballotCounts?: readonly {
    readonly raterType: string;
    readonly received: number;
    readonly excluded: number;
    readonly onlyDontKnow: number;
    readonly counted: number;
  }[];
  readonly categories: readonly {
    readonly key: string;
    readonly name: string;
    readonly nameEn: string;
    readonly ranked: boolean;
  }[];
}

const percent = (weight: number) => `${Math.round(weight * 1000) / 10}%`;
const zhList = (parts: readonly string[]) => parts.join('、');
function enList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const TIE_BREAK_NAMES: Record<TieBreak, { zh: string; en: string }> = {
  recipientScore: { zh: '服务对象评得分', en: "the service recipients' score" },
  superiorScore: { zh: '上级领导评得分', en: "the superior leaders' score" },
  peerScore: { zh: '同级部门评得分', en: "the peer units' score" },
  validBallots: { zh: '有效评议份数', en: 'the number of valid ballots' },
};

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十: counts in running text and the numbering of （一）（二）… */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  return String(n);
}

/** The days voting ran: from the start to the close, or to the planned end if it closed later. */
function votingDays(campaign: MethodInput['campaign']): { from: string; to: string } {
  const end = campaign.closedAt !== null && campaign.closedAt < campaign.endsAt ? campaign.closedAt : campaign.endsAt;
  return { from: noticeDay(new Date(campaign.startsAt)), to: noticeDay(new Date(end)) };
}

export function noticeMethod(input: MethodInput): NoticeMethod {
  return { zh: chineseMethod(input), en: englishMethod(input) };
}

function chineseMethod(input: MethodInput): NoticeMethodText {
  const { settings, campaign } = input;
  const types = settings.raterTypes;
  const counted = types.map((t) => `${RATER_NAMES[t.raterType].zh}${input.ballots[t.raterType] ?? 0}张`);
  const total = types.reduce((sum, t) => sum + (input.ballots[t.raterType] ?? 0), 0);
  const received = input.ballotCounts?.reduce((sum, c) => sum + c.received, 0);
  const days = votingDays(campaign);
  const intro =
    `${chineseDate(days.from)}至${chineseDate(days.to)}，` +
    `${input.issuer}组织开展了${campaign.name}，` +
    `${received === undefined ? '' : `共收到评价票${received}张，其中`}计分票${total}张（${zhList(counted)}）。现将评议结果通报如下。`;

  const weights = (w: RaterWeights) =>
    zhList(
      types.filter((t) => w[t.raterType] > 0).map((t) => `${RATER_NAMES[t.raterType].zh}占${percent(w[t.raterType])}`),
    );
  const unweighted = types.filter((t) => settings.weights[t.raterType] === 0).map((t) => RATER_NAMES[t.raterType].zh);
  let who =
    `本次评议由${zhList(types.map((t) => RATER_NAMES[t.raterType].zhGroup))}${types.length === 2 ? '两' : chineseNumber(types.length)}类评议主体参加` +
    `${types.some((t) => t.raterType === 'peer') ? '（同级部门互评，不评本单位）' : ''}。` +
    `各单位的综合得分按${weights(settings.weights)}加权计算`;
  if (unweighted.length > 0) who += `，${zhList(unweighted)}结果只作参考，不计入综合得分`;
  who += '。';
  for (const { category, weights: w } of settings.categoryWeights) {
    const name = input.categories.find((c) => c.key === category)?.name ?? category;
    who += `${name}按${weights(w)}计算。`;
  }

  const scales = distinctScales(types);
  const scaleText =
    scales.length === 1
      ? `评价等级及分值为${levelsZh(scales[0]!.scale)}`
      : `各类评价等级及分值为：${scales.map((s) => `${zhList(s.raterTypes.map((r) => RATER_NAMES[r].zh))}，${levelsZh(s.scale)}`).join('；')}`;
  const trimmed = types.filter((t) => t.statistic === 'trimmedMean').map((t) => RATER_NAMES[t.raterType].zh);
  const score =
    `每份评议按所选评价等级计分，${scaleText}；未作评价（如选“不了解”）的不计分。` +
    `某类评议主体对一个单位的得分，是该单位收到的这类计分票的平均分（满分100分）` +
    `${trimmed.length > 0 ? `，其中${zhList(trimmed)}去掉一个最高分和一个最低分后再取平均` : ''}。` +
    combinationRuleZh(settings) +
    countsZh(input) +
    `表中各项得分旁注明的人数为参评人数，即该单位收到的这类计分票张数，每张由一名评议人（或一个参评单位）填写。`;

  const minimums = zhList(types.map((t) => `${RATER_NAMES[t.raterType].zh}${t.minimumBallots}人`));
  const anonymity =
    `为保护评议人，某类评议主体对一个单位的参评人数少于规定人数（${minimums}）时，不公布该项得分，` +
    `其权重按比例分配给其他评议主体，并在备注中注明。`;

  const grading = [
    `综合得分为各评议主体得分乘以实际使用的权重之和，${roundingRuleZh(settings)}；${tieBreaksZh(settings.tieBreaks)}`,
    ...gradingZh(settings.grading, input.settings.vetoes.length > 0),
  ];
  const unranked = input.categories.filter((c) => !c.ranked).map((c) => c.name);
  if (unranked.length > 0) grading.push(`${zhList(unranked)}只评不排：公布得分和等次，不排名次。`);
  grading.push(FLAGS_RULE_ZH);
  const rankRange = input.categories.some((c) => c.ranked)
    ? {
        lead: '各单位名次后列出名次区间',
        note:
          `名次区间：参评人数有限，得分会有一定误差。名次区间是按${percent(settings.confidence)}的把握估计的该单位可能处于的名次范围；` +
          '两个单位的名次区间相互重叠时，二者得分之差不足以说明实际表现有高下。',
      }
    : null;
  return { intro, method: [who, score, anonymity, grading.join('')], rankRange };
}

function englishMethod(input: MethodInput): NoticeMethodText {
  const { settings, campaign } = input;
  const types = settings.raterTypes;
  const total = types.reduce((sum, t) => sum + (input.ballots[t.raterType] ?? 0), 0);
  const counted = types.map((t) => `${input.ballots[t.raterType] ?? 0} from ${RATER_NAMES[t.raterType].en}`);
  const received = input.ballotCounts?.reduce((sum, c) => sum + c.received, 0);
  const days = votingDays(campaign);
  const intro =
    `From ${englishDate(days.from)} to ${englishDate(days.to)} ` +
    `the evaluation office ran ${campaign.nameEn || campaign.name}; ` +
    `${received === undefined ? `${total} counted ballots were received` : `${received} ballots were received, of which ${total} were counted`} (${enList(counted)}). ` +
    'The results are set out below.';

  const weights = (w: RaterWeights) =>
    enList(
      types.filter((t) => w[t.raterType] > 0).map((t) => `${RATER_NAMES[t.raterType].en} ${percent(w[t.raterType])}`),
    );
  const unweighted = types.filter((t) => settings.weights[t.raterType] === 0).map((t) => RATER_NAMES[t.raterType].en);
  let who =
    `${types.length === 1 ? 'One kind' : `${types.length} kinds`} of raters took part: ${enList(types.map((t) => RATER_NAMES[t.raterType].en))}` +
    `${types.some((t) => t.raterType === 'peer') ? ' (each unit rates the others, never itself)' : ''}. ` +
    `A unit's composite score weights them as follows: ${weights(settings.weights)}`;
  if (unweighted.length > 0) who += `; ${enList(unweighted)} are shown for reference and not weighted`;
  who += '.';
  for (const { category, weights: w } of settings.categoryWeights) {
    const name = input.categories.find((c) => c.key === category);
    who += ` In ${name ? name.nameEn || name.name : category}: ${weights(w)}.`;
  }

  const scales = distinctScales(types);
  const points = scales.map((s) => s.scale.map((level) => level.points).join('/')).join('; ');
  const trimmed = types.filter((t) => t.statistic === 'trimmedMean').map((t) => RATER_NAMES[t.raterType].en);
  const score =
    `Each answer scores the points of the level chosen (${points} from best to worst); an answer left blank or "don't know" scores nothing. ` +
    `A kind of rater's score for a unit is the mean of its counted ballots for that unit, out of 100` +
    `${trimmed.length > 0 ? ` (for ${enList(trimmed)}, after dropping the highest and the lowest ballot)` : ''}. ` +
    combinationRuleEn(settings) +
    countsEn(input) +
    'Beside each score the tables give the number of raters: the counted ballots the unit received from that kind of rater, each filled in by one person (or one peer unit).';

  const minimums = enList(types.map((t) => `${t.minimumBallots} ${RATER_NAMES[t.raterType].en}`));
  const anonymity =
    `To protect the raters, no score is published for a kind of rater that rated a unit fewer times than its minimum (${minimums}); ` +
    'its weight is shared out among the others in proportion, and the notes say so.';

  const grading = [
    `A composite score is the sum of each kind of rater's score times the weight actually used; ${roundingRuleEn(settings)}. ${tieBreaksEn(settings.tieBreaks)}`,
    ...gradingEn(settings.grading, input.settings.vetoes.length > 0),
  ];
  const unranked = input.categories.filter((c) => !c.ranked).map((c) => c.nameEn || c.name);
  if (unranked.length > 0) grading.push(`${enList(unranked)}: rated, not ranked (scores and grades only).`);
  grading.push(FLAGS_RULE_EN);
  const rankRange = input.categories.some((c) => c.ranked)
    ? {
        lead: "Each rank is followed by the unit's rank range",
        note:
          'Rank range: with a limited number of raters, every score carries some error. The rank range is the span of ranks ' +
          `the unit could hold, with ${percent(settings.confidence)} confidence; when two units' ranges overlap, the gap between their scores does not show that one did better.`,
      }
    : null;
  return { intro, method: [who, score, anonymity, grading.join(' ')], rankRange };
}

type Scale = MethodInput['settings']['raterTypes'][number]['scale'];

// The rules each get one sentence here, so the method paragraph states every one of them (decision 003).
// Rounding: how a composite is rounded and what ranks and grades follow (E-settings).
function roundingRuleZh(settings: MethodInput['settings']): string {
  return (
    `由未经舍入的各项得分计算，再四舍五入保留${settings.precision}位小数（恰好为5的一律进位），` +
    `名次和等次按保留后的得分确定`
  );
}

function roundingRuleEn(settings: MethodInput['settings']): string {
  return (
    `it is computed from the unrounded scores and rounded half away from zero (a final 5 rounds up) to ${settings.precision} ` +
    'decimal places, and ranks and grades follow the rounded score'
  );
}

// Flags: every flag the scoring module can raise (decision 003, "Flags"), said once for the whole notice;
// each unit's own are worded beside it (publication-flags.ts).
const FLAGS_RULE_ZH =
  '备注栏逐项注明影响该单位得分或等次的情况：某类评议主体无人评议或参评人数不足规定人数（不公布该项得分，其权重按比例分给其他评议主体）、' +
  '份数不足未去掉最高分和最低分、无有效评议不计分、一票否决、受等次名额限制降为下一等次、名额边界处得分并列（按规定一并保留或一并降等）。';
const FLAGS_RULE_EN =
  'The notes list what changed a unit’s score or grade: a kind of rater with no ballots or fewer than its minimum ' +
  '(no score published; its weight shared out in proportion), too few ballots to drop the highest and lowest, no valid ' +
  'ballots (not scored), a veto, a move down one grade by a quota, and a tie at a quota limit (the tied units all stay or all move down).';

/** How several items of one rater type make its score (decision 003, "Combining items"); absent means pooled. */
function combinationRuleZh(settings: MethodInput['settings']): string {
  const trimmedByItem =
    settings.itemCombination === 'itemMean' && settings.raterTypes.some((t) => t.statistic === 'trimmedMean');
  switch (settings.itemCombination ?? 'pooled') {
    case 'raterMean':
      return '一张评价票有多个评议项目的，先求每张计分票已评项目的平均分，再求各张计分票平均分的平均；答“不了解”的项目只是不计入该票的平均。';
    case 'itemMean':
      return (
        '一张评价票有多个评议项目的，先求每个项目有效评分的平均分，再求各项目平均分的平均；答“不了解”的只不计入该项目的平均' +
        `${trimmedByItem ? '；去掉最高分和最低分时，在每个项目的评分中各去掉一个' : ''}。`
      );
    default:
      return '一张评价票有多个评议项目的，这类计分票的全部有效评分一并平均，即有效评分的分数之和除以有效评分的个数；答“不了解”的项目不计入分子和分母。';
  }
}

function combinationRuleEn(settings: MethodInput['settings']): string {
  const trimmedByItem =
    settings.itemCombination === 'itemMean' && settings.raterTypes.some((t) => t.statistic === 'trimmedMean');
  switch (settings.itemCombination ?? 'pooled') {
    case 'raterMean':
      return "Where a ballot has several items, each counted ballot's score is the mean of the items it answered, and the score is the mean of those ballot scores. ";
    case 'itemMean':
      return (
        "Where a ballot has several items, each item's score is the mean of its valid answers, and the score is the mean of the item scores" +
        `${trimmedByItem ? "; the highest and the lowest answer are dropped from each item's answers" : ''}. `
      );
    default:
      return 'Where a ballot has several items, all valid answers are averaged together: the sum of their points divided by their number; an item answered "don\'t know" counts in neither. ';
  }
}

/** The ballot counts by name: what was received, what was not counted and why, what was counted. */
function countsZh(input: MethodInput): string {
  const parts = (input.ballotCounts ?? []).map(
    (c) =>
      `${RATER_NAMES[c.raterType as RaterType]?.zh ?? c.raterType}收到${c.received}张、复核排除${c.excluded}张、仅答“不了解”${c.onlyDontKnow}张、计分${c.counted}张`,
  );
  return (
    '收到的评价票中，经复核排除的和仅答“不了解”（没有一项有效评分）的不计分，其余为计分票' +
    `${parts.length > 0 ? `（${parts.join('；')}）` : ''}。`
  );
}

function countsEn(input: MethodInput): string {
  const parts = (input.ballotCounts ?? []).map(
    (c) =>
      `${RATER_NAMES[c.raterType as RaterType]?.en ?? c.raterType}: ${c.received} received, ${c.excluded} excluded, ${c.onlyDontKnow} only “don't know”, ${c.counted} counted`,
  );
  return (
    "Of the ballots received, those excluded after review and those that answered only “don't know” (no valid rating) are not counted; the rest are the counted ballots" +
    `${parts.length > 0 ? ` (${parts.join('; ')})` : ''}. `
  );
}

function distinctScales(types: MethodInput['settings']['raterTypes']) {
  const scales: { scale: Scale; raterTypes: RaterType[] }[] = [];
  for (const type of types) {
    const key = JSON.stringify(type.scale);
    const same = scales.find((s) => JSON.stringify(s.scale) === key);
    if (same) same.raterTypes.push(type.raterType);
    else scales.push({ scale: type.scale, raterTypes: [type.raterType] });
  }
  return scales;
}

function levelsZh(scale: Scale): string {
  return zhList(scale.map((level) => `“${level.label}”${level.points}分`));
}

function tieBreaksZh(tieBreaks: readonly TieBreak[]): string {
  if (tieBreaks.length === 0) return '得分相同的，名次并列。';
  return `得分相同的，依次比较${zhList(tieBreaks.map((t) => TIE_BREAK_NAMES[t].zh))}，仍相同的名次并列。`;
}

function tieBreaksEn(tieBreaks: readonly TieBreak[]): string {
  if (tieBreaks.length === 0) return 'Equal scores share a rank.';
  return `Equal scores are separated by ${enList(tieBreaks.map((t) => TIE_BREAK_NAMES[t].en))} in turn; units still equal share a rank.`;
}

function gradingZh(grading: GradingSettings | null, vetoed: boolean): string[] {
  if (grading === null) return [];
  const { bands } = grading;
  const parts = bands.map((band, i) => {
    if (i === bands.length - 1)
      return bands.length === 1 ? `均为“${band.grade}”` : `${bands[i - 1]!.minScore}分以下为“${band.grade}”`;
    return i === 0
      ? `${band.minScore}分及以上为“${band.grade}”`
      : `${band.minScore}分（含）至${bands[i - 1]!.minScore}分为“${band.grade}”`;
  });
  const text = [`等次按综合得分评定：${parts.join('，')}。`];
  for (const quota of grading.quotas ?? []) {
    text.push(
      `每个参与排名的类别中，“${quota.grade}”等次不超过单位数的${percent(quota.maxShare)}，超出的按名次降为下一等次` +
        `${(grading.boundaryTies ?? 'exclude') === 'exclude' ? '（名额边界处得分相同的单位一并降等）' : '（名额边界处得分相同的单位一并保留）'}。`,
    );
  }
  if (grading.bottom && grading.bottom.count > 0)
    text.push(
      `综合得分低于${grading.bottom.below}分的单位中，排名最后的${grading.bottom.count}个评为“${grading.bottom.grade}”。`,
    );
  if (vetoed)
    text.push(
      grading.vetoGrade
        ? `被一票否决的单位，等次定为“${grading.vetoGrade}”，得分和名次照常列出。`
        : `被一票否决的单位，等次定为最低等次“${bands.at(-1)!.grade}”，得分和名次照常列出。`,
    );
  return text;
}

function gradingEn(grading: GradingSettings | null, vetoed: boolean): string[] {
  if (grading === null) return [];
  const { bands } = grading;
  const parts = bands.map((band, i) => {
    if (i === bands.length - 1)
      return bands.length === 1
        ? `every unit is graded “${band.grade}”`
        : `below ${bands[i - 1]!.minScore}, “${band.grade}”`;
    return i === 0
      ? `${band.minScore} or more, “${band.grade}”`
      : `${band.minScore} to under ${bands[i - 1]!.minScore}, “${band.grade}”`;
  });
  const text = [`Grades follow the composite score: ${parts.join('; ')}.`];
  for (const quota of grading.quotas ?? []) {
    text.push(
      `In each ranked category at most ${percent(quota.maxShare)} of the units may be graded “${quota.grade}”; the rest move down one grade in rank order` +
        `${(grading.boundaryTies ?? 'exclude') === 'exclude' ? ' (units tied at the limit all move down).' : ' (units tied at the limit all stay).'}`,
    );
  }
  if (grading.bottom && grading.bottom.count > 0)
    text.push(
      `Of the units scoring below ${grading.bottom.below}, the ${grading.bottom.count} ranked last ${grading.bottom.count === 1 ? 'is' : 'are'} graded “${grading.bottom.grade}”.`,
    );
  if (vetoed)
    text.push(
      grading.vetoGrade
        ? `A vetoed unit is graded “${grading.vetoGrade}”; its score and rank are still shown.`
        : `A vetoed unit is graded “${bands.at(-1)!.grade}”, the lowest grade; its score and rank are still shown.`,
    );
  return text;
}
