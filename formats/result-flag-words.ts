// A unit's result flags (scoring/result-types.ts, UnitFlag) as one sentence each, shared by the server's
// notice and exports (server/publications/publication-flags.ts) and the publication page
// (client/src/shared/labels.ts), so the two can never word a flag differently.

/** A flag as the results and the publication carry it: its code and the numbers that explain it. */
export interface ResultFlag {
  code: string;
  [key: string]: unknown;
}

const percent = (weight: unknown) => `${Math.round(Number(weight) * 10000) / 100}%`;

/**
 * One flag in words, in Chinese or English: the one wording of the publication page, the notice and its
 * exports. `raterName` names a rater type in running text (each side has its table of names).
 */
export function resultFlagWords(
  flag: ResultFlag,
  lang: 'zh' | 'en',
  raterName: (raterType: string) => { zh: string; en: string } | undefined,
): string {
  const names = typeof flag['raterType'] === 'string' ? raterName(flag['raterType']) : undefined;
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
