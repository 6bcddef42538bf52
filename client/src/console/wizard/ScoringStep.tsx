import { useMemo } from 'react';
import type { RaterType } from '../../../../scoring/rater-type.ts';
import type { ScoringResults } from '../../../../scoring/result-types.ts';
import type { GradeBand, GradingSettings } from '../../../../scoring/settings.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { previewScoring, SAMPLE_UNITS } from './scoring-preview.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

export interface ScoringDraft {
  /** Percentages per rater type taking part; they must add up to 100. */
  weights: Partial<Record<RaterType, number>>;
  bands: GradeBand[];
  /** Most units that may hold the top grade, as a percentage (0 = no quota). */
  topQuotaPercent: number;
}

export const DEFAULT_BANDS: GradeBand[] = [
  { grade: '满意', minScore: 85 },
  { grade: '比较满意', minScore: 75 },
  { grade: '基本满意', minScore: 60 },
  { grade: '不满意', minScore: 0 },
];

export function gradingOf(draft: ScoringDraft): GradingSettings {
  const quota =
    draft.topQuotaPercent > 0 && draft.bands[0]
      ? [{ grade: draft.bands[0].grade, maxShare: draft.topQuotaPercent / 100 }]
      : [];
  return { bands: draft.bands, ...(quota.length ? { quotas: quota } : {}) };
}

export function weightsOf(draft: ScoringDraft, raterTypes: readonly RaterType[]) {
  return Object.fromEntries(raterTypes.map((r) => [r, (draft.weights[r] ?? 0) / 100])) as Record<RaterType, number>;
}

/** Weights, grade bands and a quota, with the real scoring module run on sample units as a live preview. */
export function ScoringStep({
  draft,
  raterTypes,
  onChange,
}: {
  draft: ScoringDraft;
  raterTypes: readonly RaterType[];
  onChange: (draft: ScoringDraft) => void;
}) {
  const lang = useLang();
  const total = raterTypes.reduce((sum, r) => sum + (draft.weights[r] ?? 0), 0);
  const preview = useMemo((): { results: ScoringResults } | { error: string } | null => {
    if (raterTypes.length === 0 || Math.abs(total - 100) > 1e-9) return null;
    try {
      return { results: previewScoring(weightsOf(draft, raterTypes), gradingOf(draft), raterTypes) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [draft, raterTypes, total]);

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
            />
            %
          </label>
        ))}
        <span className={Math.abs(total - 100) > 1e-9 ? 'form-error' : 'muted'}>
          {t(lang, `合计 ${total}%`, `Total ${total}%`)}
        </span>
      </fieldset>
      <fieldset>
        <legend>{t(lang, '等次分数线（最高等次在前）', 'Grade bands (best first)')}</legend>
        {draft.bands.map((band, i) => (
          <label key={i} className="band">
            <input
              value={band.grade}
              onChange={(e) => setBand(i, { grade: e.target.value })}
              aria-label={t(lang, '等次名称', 'Grade name')}
            />
            {i < draft.bands.length - 1 ? (
              <>
                ≥{' '}
                <input
                  type="number"
                  min={0}
                  max={100}
                  value={band.minScore}
                  onChange={(e) => setBand(i, { minScore: Number(e.target.value) })}
                />
              </>
            ) : (
              <span className="muted">{t(lang, '其余', 'the rest')}</span>
            )}
          </label>
        ))}
        <label className="band">
          {t(lang, `“${draft.bands[0]?.grade ?? ''}”最多占`, `Top grade at most`)}
          <input
            type="number"
            min={0}
            max={100}
            value={draft.topQuotaPercent}
            onChange={(e) => onChange({ ...draft, topQuotaPercent: Number(e.target.value) })}
          />
          %<span className="muted">{t(lang, '（0 为不限）', '(0 = no limit)')}</span>
        </label>
      </fieldset>
      <div className="preview" data-testid="scoring-preview">
        <h3>{t(lang, '计分预览（样例数据）', 'Scoring preview (sample data)')}</h3>
        {!preview && (
          <p className="muted">
            {t(lang, '权重合计为100%后显示预览。', 'The preview shows once the weights add up to 100%.')}
          </p>
        )}
        {preview && 'error' in preview && <p className="form-error">{preview.error}</p>}
        {preview && 'results' in preview && (
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
                    <td>{SAMPLE_UNITS[Number(unit.unitId) - 1]}</td>
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
