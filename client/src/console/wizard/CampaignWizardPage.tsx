import { useEffect, useState } from 'react';
import type { RaterType } from '../../../../scoring/rater-type.ts';
import { api, call } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { navigate } from '../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { gradingOf, ScoringStep, weightsOf } from './ScoringStep.tsx';
import { ScopeStep } from './ScopeStep.tsx';
import { blankDraft, draftFromConfig, type WizardDraft } from './wizard-state.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

const RATER_TYPES: RaterType[] = ['superior', 'peer', 'recipient'];

/** Creates or edits a draft campaign: basics, scope, raters and questionnaires, scoring with a live preview. */
export default function CampaignWizardPage({ campaignId }: { campaignId?: number }) {
  const lang = useLang();
  const existing = useApi(
    campaignId ? () => api.admin.campaigns[':id'].$get({ param: { id: String(campaignId) } }) : null,
    [campaignId],
  );
  const units = useApi(() => api.units.$get(), []);
  const categories = useApi(() => api.categories.$get(), []);
  const questionnaires = useApi(() => api.questionnaires.$get({ query: {} }), []);
  const [draft, setDraft] = useState<WizardDraft | null>(campaignId ? null : blankDraft());
  const [problems, setProblems] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (existing.data && !draft) setDraft(draftFromConfig(existing.data));
  }, [existing.data, draft]);

  useEffect(() => {
    // Default each rater type to the newest questionnaire written for it.
    if (!draft || !questionnaires.data) return;
    const missing = RATER_TYPES.filter((r) => draft.raters[r].questionnaireId === null);
    if (missing.length === 0) return;
    const raters = { ...draft.raters };
    for (const r of missing)
      raters[r] = {
        ...raters[r],
        questionnaireId: questionnaires.data.questionnaires.find((q) => q.raterType === r)?.id ?? null,
      };
    setDraft({ ...draft, raters });
  }, [draft, questionnaires.data]);

  if (!draft || !units.data || !categories.data)
    return existing.error ? <ErrorNote error={existing.error} /> : <Loading />;
  const enabled = RATER_TYPES.filter((r) => draft.raters[r].enabled);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const settings = {
        ...draft.otherSettings,
        scoring: { weights: weightsOf(draft.scoring, enabled), grading: gradingOf(draft.scoring) },
      };
      const basics = {
        slug: draft.slug,
        name: draft.name,
        nameEn: draft.nameEn,
        startsAt: new Date(draft.startsAt).toISOString(),
        endsAt: new Date(draft.endsAt).toISOString(),
        settings,
      };
      const id = campaignId ?? (await call(api.campaigns.$post({ json: basics }))).id;
      const param = { id: String(id) };
      if (campaignId) await call(api.campaigns[':id'].$patch({ param, json: basics }));
      await call(api.campaigns[':id'].units.$put({ param, json: { unitIds: draft.unitIds } }));
      await call(
        api.campaigns[':id'].categories.$put({
          param,
          json: {
            unrankedCategoryIds: draft.unrankedCategoryIds.filter((c) =>
              units.data!.units.some((u) => u.categoryId === c && draft.unitIds.includes(u.id)),
            ),
          },
        }),
      );
      const raterTypes = enabled
        .filter((r) => draft.raters[r].questionnaireId !== null)
        .map((r) => ({
          raterType: r,
          questionnaireId: draft.raters[r].questionnaireId!,
          minCount: draft.raters[r].minCount,
        }));
      await call(api.campaigns[':id']['rater-types'].$put({ param, json: { raterTypes } }));
      const config = await call(api.admin.campaigns[':id'].$get({ param }));
      setProblems(config.openingProblems ?? []);
      if (!campaignId) navigate(`/console/campaigns/${id}/edit`, true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Card
        title={
          campaignId
            ? t(lang, '编辑评议活动（筹备中）', 'Edit campaign (draft)')
            : t(lang, '新建评议活动', 'New campaign')
        }
      >
        <div className="form-grid">
          <label>
            {t(lang, '名称', 'Name')}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            {t(lang, '英文名称', 'English name')}
            <input value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} />
          </label>
          <label>
            {t(lang, '链接标识（小写字母、数字、连字符）', 'Link name (a-z, 0-9, hyphens)')}
            <input value={draft.slug} onChange={(e) => setDraft({ ...draft, slug: e.target.value })} />
          </label>
          <label>
            {t(lang, '开始时间', 'Starts')}
            <input
              type="datetime-local"
              value={draft.startsAt}
              onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
            />
          </label>
          <label>
            {t(lang, '结束时间', 'Ends')}
            <input
              type="datetime-local"
              value={draft.endsAt}
              onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })}
            />
          </label>
        </div>
      </Card>
      <Card title={t(lang, '评议范围', 'Scope')}>
        <ScopeStep
          units={units.data.units}
          categories={categories.data.categories}
          unitIds={draft.unitIds}
          unrankedCategoryIds={draft.unrankedCategoryIds}
          onChange={(unitIds, unrankedCategoryIds) => setDraft({ ...draft, unitIds, unrankedCategoryIds })}
        />
      </Card>
      <Card title={t(lang, '评议主体与问卷', 'Raters and questionnaires')}>
        <ErrorNote error={questionnaires.error} />
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
                      checked={draft.raters[r].enabled}
                      onChange={(e) =>
                        setDraft({
                          ...draft,
                          raters: { ...draft.raters, [r]: { ...draft.raters[r], enabled: e.target.checked } },
                        })
                      }
                    />
                    {t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
                  </label>
                </td>
                <td>
                  <select
                    value={draft.raters[r].questionnaireId ?? ''}
                    disabled={!draft.raters[r].enabled}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        raters: {
                          ...draft.raters,
                          [r]: { ...draft.raters[r], questionnaireId: Number(e.target.value) },
                        },
                      })
                    }
                  >
                    {(questionnaires.data?.questionnaires ?? [])
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
                    value={draft.raters[r].minCount}
                    disabled={!draft.raters[r].enabled}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        raters: { ...draft.raters, [r]: { ...draft.raters[r], minCount: Number(e.target.value) } },
                      })
                    }
                  />
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
      </Card>
      <Card title={t(lang, '计分规则', 'Scoring')}>
        <ScoringStep
          draft={draft.scoring}
          raterTypes={enabled}
          onChange={(scoring) => setDraft({ ...draft, scoring })}
        />
      </Card>
      <Card>
        <ErrorNote error={error} />
        {problems && problems.length > 0 && (
          <div className="notice notice-warn" data-testid="opening-problems">
            <strong>{t(lang, '已保存。开启前还需处理：', 'Saved. Before it can open:')}</strong>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {problems && problems.length === 0 && (
          <p className="notice notice-ok">{t(lang, '已保存，可以开启。', 'Saved; ready to open.')}</p>
        )}
        <div className="card-actions">
          <button type="button" className="button-primary" disabled={saving} onClick={save}>
            {t(lang, '保存', 'Save')}
          </button>
          {campaignId && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => navigate(`/console/campaigns/${campaignId}`)}
            >
              {t(lang, '返回活动', 'Back to the campaign')}
            </button>
          )}
        </div>
      </Card>
    </>
  );
}
