// "How this was computed" for one published unit row, in words a person with a calculator can follow:
// each rater type's score with its counted ballots, the weights actually used (and where a group below
// its minimum gave its weight away, how the rest were scaled up), the sum Σ wᵢ·sᵢ with the rounding,
// then the grade band and any quota, 末位 or veto step, and the rank. Written from the unit's published
// figures and the frozen settings only, and frozen with them, so the page, the Word notice and the
// workbook say the same. A group below its minimum shows no figure here either, not even its count.
import type { RaterType } from '../../scoring/rater-type.ts';
import type { GradingSettings } from '../../scoring/settings.ts';
import type { LiveResults } from '../results/results-view.ts';
import { flagWords } from './publication-flags.ts';
import { RATER_NAMES } from './publication-method.ts';

type Unit = LiveResults['units'][number];
type Lang = 'zh' | 'en';

export interface Explanation {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

export interface ExplainSettings {
  readonly precision: number;
  readonly grading: GradingSettings | null;
}

/** Percent with up to two decimals: 0.571428… → 57.14%. */
const percent = (weight: number) => `${Math.round(weight * 10000) / 100}%`;
/** Weights and scores in the sum: four decimals, so the products add up to the shown total. */
const fixed4 = (value: number) => value.toFixed(4);

export function explainUnit(unit: Unit, ranked: boolean, settings: ExplainSettings): Explanation {
  return { zh: lines(unit, ranked, settings, 'zh'), en: lines(unit, ranked, settings, 'en') };
}

function lines(unit: Unit, ranked: boolean, settings: ExplainSettings, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const out = [...groupLines(unit, lang), ...weightLines(unit, lang)];
  const terms = (unit.weights ?? []).flatMap((weight) => {
    const group = unit.groups.find((g) => g.raterType === weight.raterType);
    return weight.used > 0 && group?.score != null ? [{ weight: weight.used, score: group.score }] : [];
  });
  if (unit.composite === null || terms.length === 0) {
    out.push(say('无可计分的评议，没有综合得分。', 'No rater group could be counted: no composite score.'));
  } else {
    const sum = terms.map((term) => `${fixed4(term.weight)} × ${fixed4(term.score)}`).join(' + ');
    const total = terms.reduce((acc, term) => acc + term.weight * term.score, 0);
    const shown = unit.composite.toFixed(settings.precision);
    out.push(
      say(
        `综合得分 = Σ 权重 × 得分 = ${sum} = ${fixed4(total)}，保留${settings.precision}位小数为 ${shown}。`,
        `Composite = Σ weight × score = ${sum} = ${fixed4(total)}, rounded to ${settings.precision} decimal places: ${shown}.`,
      ),
    );
  }
  out.push(...gradeLines(unit, settings, lang));
  if (!ranked) out.push(say('本类别只评不排，不排名次。', 'This category is rated, not ranked: no rank.'));
  else if (unit.rank !== null)
    out.push(
      say(
        `按综合得分在本类别排第${unit.rank}名（得分相同的按规定比较，仍相同的并列）。`,
        `Rank ${unit.rank} in its category by composite score (ties broken as the method says; units still equal share a rank).`,
      ),
    );
  return out;
}

function groupLines(unit: Unit, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return unit.groups.map((group) => {
    const name = RATER_NAMES[group.raterType as RaterType];
    if (group.status === 'missing') return say(`${name.zh}：无评议。`, `${name.en}: no ballots.`);
    // Below the minimum: words only (decision 011), as in the tables.
    if (group.suppressed)
      return say(
        `${name.zh}：参评不足${group.minCount}人，不公布得分，不计入综合得分。`,
        `${name.en}: fewer than ${group.minCount} raters; no score is published and none is weighted.`,
      );
    const score = group.score === null ? '—' : group.score.toFixed(2);
    const counts = group.counts;
    const breakdown =
      counts && counts.received !== null
        ? say(
            `（收到的评价票${counts.received}张，其中复核排除${counts.excluded ?? 0}张、仅答“不了解”${counts.onlyDontKnow ?? 0}张，计分票${counts.counted}张）`,
            ` (${counts.received} received: ${counts.excluded ?? 0} excluded after review, ${counts.onlyDontKnow ?? 0} only “don't know”, ${counts.counted} counted)`,
          )
        : say(`（计分票${group.ballots}张）`, ` (${group.ballots} counted ballots)`);
    return say(`${name.zh}：得分 ${score}${breakdown}。`, `${name.en}: score ${score}${breakdown}.`);
  });
}

/** The weights: as configured, or how the rest were scaled up when some group gave its weight away. */
function weightLines(unit: Unit, lang: Lang): string[] {
  const weights = unit.weights ?? [];
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const name = (raterType: string) => RATER_NAMES[raterType as RaterType][lang];
  const used = weights.filter((w) => w.used > 0);
  const given = weights.filter((w) => w.configured > 0 && w.used === 0);
  if (used.length === 0) return [];
  if (given.length === 0)
    return [
      say(
        `权重：${used.map((w) => `${name(w.raterType)}${percent(w.used)}`).join('、')}。`,
        `Weights: ${used.map((w) => `${name(w.raterType)} ${percent(w.used)}`).join(', ')}.`,
      ),
    ];
  const kept = used.reduce((sum, w) => sum + w.configured, 0);
  const scaled = used.map(
    (w) => `${name(w.raterType)} ${percent(w.configured)} ÷ ${percent(kept)} = ${percent(w.used)}`,
  );
  return [
    say(
      `${given.map((w) => `${name(w.raterType)}的权重${percent(w.configured)}`).join('、')}按比例分配给其他评议主体，实际使用的权重：${scaled.join('；')}。`,
      `${given.map((w) => `The weight of ${name(w.raterType)} (${percent(w.configured)})`).join(' and ')} went to the others in proportion; weights used: ${scaled.join('; ')}.`,
    ),
  ];
}

function gradeLines(unit: Unit, settings: ExplainSettings, lang: Lang): string[] {
  const grading = settings.grading;
  if (grading === null || unit.grade === null) return [];
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const out: string[] = [];
  const band = grading.bands.find((b) => b.grade === unit.bandGrade);
  if (band && unit.composite !== null) {
    const index = grading.bands.indexOf(band);
    const upper = index > 0 ? grading.bands[index - 1]!.minScore : null;
    const range =
      index === grading.bands.length - 1
        ? say(upper === null ? '' : `低于${upper}分`, upper === null ? '' : `below ${upper}`)
        : upper === null
          ? say(`${band.minScore}分及以上`, `${band.minScore} or more`)
          : say(`${band.minScore}分（含）至${upper}分`, `${band.minScore} to under ${upper}`);
    const shown = unit.composite.toFixed(settings.precision);
    out.push(
      say(
        `等次：综合得分 ${shown} 在“${band.grade}”档（${range}）。`,
        `Grade: the composite ${shown} falls in the “${band.grade}” band (${range}).`,
      ),
    );
  }
  for (const flag of unit.flags) {
    if (flag.code === 'demotedByQuota' || flag.code === 'quotaBoundaryTie')
      out.push(`${flagWords(flag, lang)}${say('。', '.')}`);
  }
  if (unit.gradeBasis === 'bottom')
    out.push(
      say(
        `综合得分低于${grading.bottom?.below ?? ''}分且排名在最后${grading.bottom?.count ?? ''}名内，评为“${unit.grade}”。`,
        `Scored below ${grading.bottom?.below ?? ''} and among the last ${grading.bottom?.count ?? ''} in rank: graded “${unit.grade}”.`,
      ),
    );
  if (unit.gradeBasis === 'veto') {
    const reason = unit.flags.find((flag) => flag.code === 'vetoed')?.['reason'];
    out.push(
      say(
        `一票否决（${String(reason ?? '')}），等次定为“${unit.grade}”，得分和名次照常列出。`,
        `Vetoed (${String(reason ?? '')}): graded “${unit.grade}”; score and rank are still shown.`,
      ),
    );
  }
  if (unit.bandGrade !== unit.grade || unit.gradeBasis !== 'band')
    out.push(say(`最终等次：“${unit.grade}”。`, `Final grade: “${unit.grade}”.`));
  return out;
}
