// A unit's flags as one sentence each, for the notice and its exports (the web page words them the same
// way in client/src/results/RankingView.tsx).
import type { RaterType } from '../../scoring/rater-type.ts';
import type { PublicationDocument } from './publication-document.ts';
import { RATER_NAMES } from './publication-method.ts';

export type UnitFlag = PublicationDocument['units'][number]['flags'][number];

export function flagText(flag: UnitFlag): string {
  const label =
    typeof flag['raterType'] === 'string' ? (RATER_NAMES[flag['raterType'] as RaterType]?.zh ?? flag['raterType']) : '';
  switch (flag.code) {
    case 'raterTypeSuppressed':
      return `${label}参评不足${String(flag['minimum'])}人，不公布该项得分，权重已分配给其他评议主体`;
    case 'raterTypeMissing':
      return `无${label}评议，权重已分配给其他评议主体`;
    case 'vetoed':
      return `一票否决：${String(flag['reason'])}`;
    case 'demotedByQuota':
      return `受名额限制由“${String(flag['from'])}”调整为“${String(flag['to'])}”`;
    case 'quotaBoundaryTie':
      return '名额边界处得分并列';
    case 'notScored':
      return '无有效评议，不计分';
    case 'trimmedMeanUnavailable':
      return `${label}份数不足，未去掉最高分和最低分`;
    default:
      return flag.code;
  }
}
