import { useMemo } from 'react';
import { RATER_TYPES, type RaterType } from '../../../../scoring/rater-type.ts';
import type { ScoringResults } from '../../../../scoring/result-types.ts';
import type { GradeBand, ResultSettings } from '../../../../scoring/settings.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { RATER_LABEL } from '../../shared/labels.ts';
import { TOP_QUOTA_FIELD, type DraftProblem } from './draft-problems.ts';
import { FieldProblems, invalidProps } from './FieldProblems.tsx';
import { formatNumber } from '../../shared/problem-text.ts';
import { previewScoring, SAMPLE_UNITS } from './scoring-preview.ts';
import type { ScoringDraft } from './scoring-draft.ts';

const WEIGHTS = 'settings.scoring.weights';
const band = (index: number, key: 'grade' | 'minScore') => `settings.scoring.grading.bands.${index}.${key}`;

/**
 * Weights, grade bands and a quota, each with its problems beside it, and the real scoring module run on
 * sample units as a live preview once the scoring settings have none.
 */
export function ScoringStep({
  draft,
  raterTypes,
  settings,
  problems,
  onChange,
}: {
  draft: ScoringDraft;
  raterTypes: readonly RaterType[];
  /** The scoring module's settings as they will be stored (scoring-draft.ts). */
  settings: ResultSettings;
  /** Every problem of the page; this card shows those under settings.* . */
  problems: readonly DraftProblem[];
  onChange: (draft: ScoringDraft) => void;
}) {
  const lang = useLang();
  const total = raterTypes.reduce((sum, r) => sum + (draft.weights[r] ?? 0), 0);
  const shown = new Set([
    WEIGHTS,
    ...RATER_TYPES.map((r) => `${WEIGHTS}.${r}`),
    ...draft.bands.flatMap((_, i) => [band(i, 'grade'), band(i, 'minScore')]),
    TOP_QUOTA_FIELD,
  ]);
  const own = problems.filter((p) => p.field.startsWith('settings.'));
  const elsewhere = [...new Set(own.map((p) => p.field).filter((field) => !shown.has(field)))];
  const scorable = raterTypes.length > 0 && own.length === 0;
  const preview = useMemo((): { results: ScoringResults } | null => {
    if (!scorable || !settings.grading) return null;
    return { results: previewScoring(settings.weights, settings.grading, raterTypes, settings.minimumBallots) };
  }, [scorable, settings, raterTypes]);

  const setBand = (index: number, band: Partial<GradeBand>) =>
    onChange({ ...draft, bands: draft.bands.map((b, i) => (i === index ? { ...b, ...band } : b)) });
  return (
    <div className="scoring-step">
      <fieldset>
        <legend>{t(lang, '评议主体权重（合计100%）', 'Weights between rater types (100% in all)')}</legend>
        {raterTypes.map((r) => (
          <label key={r} className="weight">
            {t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
            <input
              type="number"
              min={0}
              max={100}
              step={5}
              value={draft.weights[r] ?? 0}
              onChange={(e) => onChange({ ...draft, weights: { ...draft.weights, [r]: Number(e.target.value) } })}
              {...invalidProps(problems, `${WEIGHTS}.${r}`)}
              {...invalidProps(problems, WEIGHTS)}
            />
            %
          </label>
        ))}
        {problems.some((p) => p.field === WEIGHTS) ? (
          <div>
            <FieldProblems problems={problems} field={WEIGHTS} />
          </div>
        ) : (
          <span className="muted">{t(lang, `合计 ${formatNumber(total)}%`, `Total ${formatNumber(total)}%`)}</span>
        )}
        {raterTypes.map((r) => (
          <div key={r}>
            <FieldProblems
              problems={problems}
              field={`${WEIGHTS}.${r}`}
              label={t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t(lang, '等次分数线（最高等次在前）', 'Grade bands (best first)')}</legend>
        {draft.bands.map((grade, i) => (
          <div key={i}>
            <label className="band">
              <input
                value={grade.grade}
                onChange={(e) => setBand(i, { grade: e.target.value })}
                aria-label={t(lang, '等次名称', 'Grade name')}
                {...invalidProps(problems, band(i, 'grade'))}
              />
              {i < draft.bands.length - 1 ? (
                <>
                  ≥{' '}
                  <input
                    type="number"
                    min={0}
                    max={100}
                    value={grade.minScore}
                    onChange={(e) => setBand(i, { minScore: Number(e.target.value) })}
                    aria-label={t(lang, '最低分', 'Lowest score')}
                    {...invalidProps(problems, band(i, 'minScore'))}
                  />
                </>
              ) : (
                <span className="muted">{t(lang, '其余', 'the rest')}</span>
              )}
            </label>
            <FieldProblems problems={problems} field={band(i, 'grade')} />{' '}
            <FieldProblems problems={problems} field={band(i, 'minScore')} />
          </div>
        ))}
        <div>
          <label className="band">
            {t(lang, `“${draft.bands[0]?.grade ?? ''}”最多占`, `Top grade at most`)}
            <input
              type="number"
              min={0}
              max={100}
              value={draft.topQuotaPercent}
              onChange={(e) => onChange({ ...draft, topQuotaPercent: Number(e.target.value) })}
              {...invalidProps(problems, TOP_QUOTA_FIELD)}
            />
            %<span className="muted">{t(lang, '（0 为不限）', '(0 = no limit)')}</span>
          </label>
          <FieldProblems problems={problems} field={TOP_QUOTA_FIELD} />
        </div>
      </fieldset>
      {elsewhere.map((field) => (
        <p key={field}>
          <FieldProblems problems={problems} field={field} label={otherSettingLabel(lang, field)} />
        </p>
      ))}
      <div className="preview" data-testid="scoring-preview">
        <h3>{t(lang, '计分预览（样例数据）', 'Scoring preview (sample data)')}</h3>
        {!preview && (
          <p className="muted">
            {t(
              lang,
              '权重合计为100%、计分规则无误后显示预览。',
              'The preview shows once the weights add up to 100% and the scoring settings have no problem.',
            )}
          </p>
        )}
        {preview && (
          <table className="data compact">
            <thead>
              <tr>
                <th>{t(lang, '单位', 'Unit')}</th>
                {raterTypes.map((r) => (
                  <th key={r} className="num">
                    {t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
                  </th>
                ))}
                <th className="num">{t(lang, '综合得分', 'Composite')}</th>
                <th className="num">{t(lang, '排名', 'Rank')}</th>
                <th>{t(lang, '等次', 'Grade')}</th>
              </tr>
            </thead>
            <tbody>
              {[...preview.results.units]
                .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
                .map((unit) => (
                  <tr key={unit.unitId}>
                    <td>{t(lang, ...(SAMPLE_UNITS[Number(unit.unitId) - 1] ?? ['', '']))}</td>
                    {raterTypes.map((r) => (
                      <td key={r} className="num">
                        {unit.raterGroups[r].score?.toFixed(2) ?? '—'}
                      </td>
                    ))}
                    <td className="num">{unit.composite.score?.toFixed(2) ?? '—'}</td>
                    <td className="num">{unit.rank ?? '—'}</td>
                    <td>{unit.grade?.grade ?? '—'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** What a problem's setting is called when no field of this card shows it (stored settings the card keeps). */
function otherSettingLabel(lang: 'zh' | 'en', field: string): string | undefined {
  if (field === 'settings.scoring.grading.quotas' || field === 'settings.scoring.grading') return undefined;
  if (field.startsWith('settings.scoring')) return t(lang, '计分规则', `Scoring (${field})`);
  if (field.startsWith('settings.access')) return t(lang, '扫码评议次数限制', `Open rating limits (${field})`);
  if (field.startsWith('settings.quality')) return t(lang, '质量审核规则', `Quality checks (${field})`);
  return t(lang, '其他设置', `Setting ${field}`);
}
