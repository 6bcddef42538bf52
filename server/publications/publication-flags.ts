// A unit's flags as one sentence each, for the notice and its exports. The one table of the server: the
// web page words them the same way from client/src/shared/labels.ts (resultFlagText), and a test holds
// the two to the same words for every flag the scoring module can raise.
import type { RaterType } from '../../scoring/rater-type.ts';
import type { UnitFlag as ScoringFlag } from '../../scoring/result-types.ts';
import type { PublicationDocument } from './publication-document.ts';
import { RATER_NAMES } from './publication-method.ts';

export type UnitFlag = PublicationDocument['units'][number]['flags'][number];

/** Every flag code the scoring module can put on a unit (scoring/result-types.ts). */
export const RESULT_FLAG_CODES = [
  'raterTypeSuppressed',
  'raterTypeMissing',
  'trimmedMeanUnavailable',
  'notScored',
  'vetoed',
  'demotedByQuota',
  'quotaBoundaryTie',
] as const satisfies readonly ScoringFlag['code'][];

const percent = (weight: unknown) => `${Math.round(Number(weight) * 10000) / 100}%`;

/** One flag in words, in Chinese (the notice) or English. */
export function flagWords(flag: UnitFlag, lang: 'zh' | 'en'): string {
  const names = typeof flag['raterType'] === 'string' ? RATER_NAMES[flag['raterType'] as RaterType] : undefined;
  const zh = names?.zh ?? String(flag['raterType'] ?? '');
  const en = names?.en ?? String(flag['raterType'] ?? '');
  const text = (chinese: string, english: string) => (lang === 'zh' ? chinese : english);
  switch (flag.code) {
    case 'raterTypeSuppressed':
      return text(
        `${zh}参评不足${String(flag['minimum'])}人，不公布该项得分，其权重${percent(flag['weightRedistributed'])}已按比例分配给其他评议主体`,
        `${en}: fewer than ${String(flag['minimum'])} raters, no score published; its weight of ${percent(flag['weightRedistributed'])} went to the others in proportion`,
      );
    case 'raterTypeMissing':
      return text(
        `无${zh}评议，其权重${percent(flag['weightRedistributed'])}已按比例分配给其他评议主体`,
        `no ballots from ${en}; its weight of ${percent(flag['weightRedistributed'])} went to the others in proportion`,
      );
    case 'trimmedMeanUnavailable':
      return text(
        `${zh}份数不足3份，未去掉最高分和最低分，按平均分计`,
        `${en}: fewer than 3 ballots, so the highest and lowest were not dropped (plain mean)`,
      );
    case 'notScored':
      return text('无有效评议，不计分', 'no valid ballots: not scored');
    case 'vetoed':
      return text(`一票否决：${String(flag['reason'])}`, `vetoed: ${String(flag['reason'])}`);
    case 'demotedByQuota':
      return text(
        `受名额限制由“${String(flag['from'])}”调整为“${String(flag['to'])}”`,
        `moved from “${String(flag['from'])}” to “${String(flag['to'])}” by the quota`,
      );
    case 'quotaBoundaryTie':
      return text(
        `“${String(flag['grade'])}”名额边界处${String(flag['tiedUnits'])}个单位得分并列，按规定${flag['policy'] === 'include' ? '一并保留' : '一并降等'}`,
        `${String(flag['tiedUnits'])} units tied at the “${String(flag['grade'])}” limit; by the rules they all ${flag['policy'] === 'include' ? 'stay' : 'move down'}`,
      );
    default:
      return flag.code;
  }
}

/** The notice's words (Chinese): what the Word and Excel exports print. */
export function flagText(flag: UnitFlag): string {
  return flagWords(flag, 'zh');
}
