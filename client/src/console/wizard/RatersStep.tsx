import type { RaterType } from '../../../../scoring/rater-type.ts';
import type { api, ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { RATER_LABEL } from '../../shared/labels.ts';
import type { DraftProblem } from './draft-problems.ts';
import { FieldProblems, invalidProps } from './FieldProblems.tsx';
import type { RaterDraft } from './wizard-state.ts';

const RATER_TYPES: RaterType[] = ['superior', 'peer', 'recipient'];

type Questionnaire = ResponseOf<typeof api.questionnaires.$get>['questionnaires'][number];

/** Which rater types take part, the questionnaire each answers and its anonymity minimum. */
export function RatersStep({
  raters,
  questionnaires,
  problems,
  onChange,
}: {
  raters: Record<RaterType, RaterDraft>;
  questionnaires: readonly Questionnaire[];
  problems: readonly DraftProblem[];
  onChange: (raters: Record<RaterType, RaterDraft>) => void;
}) {
  const lang = useLang();
  const set = (r: RaterType, change: Partial<RaterDraft>) => onChange({ ...raters, [r]: { ...raters[r], ...change } });
  return (
    <>
      <table className="data">
        <thead>
          <tr>
            <th>{t(lang, '评议主体', 'Rater type')}</th>
            <th>{t(lang, '问卷', 'Questionnaire')}</th>
            <th>{t(lang, '匿名保护下限（份）', 'Anonymity minimum')}</th>
          </tr>
        </thead>
        <tbody>
          {RATER_TYPES.map((r) => (
            <tr key={r}>
              <td>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={raters[r].enabled}
                    onChange={(e) => set(r, { enabled: e.target.checked })}
                  />
                  {t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
                </label>
              </td>
              <td>
                <select
                  value={raters[r].questionnaireId ?? ''}
                  disabled={!raters[r].enabled}
                  onChange={(e) => set(r, { questionnaireId: Number(e.target.value) })}
                  aria-label={t(
                    lang,
                    `${RATER_LABEL[r]?.[0] ?? r}所用问卷`,
                    `Questionnaire for ${RATER_LABEL[r]?.[1] ?? r}`,
                  )}
                >
                  {questionnaires
                    .filter((q) => q.raterType === r)
                    .map((q) => (
                      <option key={q.id} value={q.id}>
                        {q.title} (v{q.version})
                      </option>
                    ))}
                </select>
              </td>
              <td>
                <input
                  type="number"
                  min={1}
                  max={1000}
                  value={raters[r].minCount}
                  disabled={!raters[r].enabled}
                  onChange={(e) => set(r, { minCount: Number(e.target.value) })}
                  aria-label={t(lang, '匿名保护下限（份）', 'Anonymity minimum')}
                  {...invalidProps(problems, `raterTypes.${r}.minCount`)}
                />{' '}
                <FieldProblems problems={problems} field={`raterTypes.${r}.minCount`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t(
          lang,
          '某类评议份数低于下限时，结果中不显示该类得分和意见，其权重按比例分配给其他评议主体并注明。',
          'Below the minimum a group shows no score and no comments; its weight is spread over the others and the result says so.',
        )}
      </p>
    </>
  );
}
