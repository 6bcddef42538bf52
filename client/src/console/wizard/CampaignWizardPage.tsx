import { useEffect, useMemo, useState } from 'react';
import type { RaterType } from '../../../../scoring/rater-type.ts';
import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import type { ServerProblem } from '../../shared/problem-text.ts';
import { OpeningProblems } from '../campaign/OpeningProblems.tsx';
import { navigate } from '../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { basicsProblems, scoringProblems, type DraftProblem } from './draft-problems.ts';
import { FieldProblems, invalidProps } from './FieldProblems.tsx';
import { FieldsRefused, saveDraft } from './save-draft.ts';
import { resultSettingsAfterSave } from './scoring-draft.ts';
import { RatersStep } from './RatersStep.tsx';
import { ScoringStep } from './ScoringStep.tsx';
import { ScopeStep } from './ScopeStep.tsx';
import { blankDraft, draftFromConfig, type WizardDraft } from './wizard-state.ts';

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
  const [problems, setProblems] = useState<readonly ServerProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  /** What the server refused at the last save, placed at its fields until the draft changes. */
  const [refused, setRefused] = useState<readonly DraftProblem[]>([]);
  /** Whether a save was tried while the page showed problems: then the page says it did not save. */
  const [held, setHeld] = useState(false);
  const enabled = draft ? RATER_TYPES.filter((r) => draft.raters[r].enabled) : [];
  const enabledKey = enabled.join();
  const settings = useMemo(
    () =>
      draft &&
      resultSettingsAfterSave(draft.scoring, draft.storedScoring, enabled, {
        superior: draft.raters.superior.minCount,
        peer: draft.raters.peer.minCount,
        recipient: draft.raters.recipient.minCount,
      }),
    // `enabled` is a new array each render; its members are what count.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draft?.scoring, draft?.storedScoring, draft?.raters, enabledKey],
  );
  const edit = (next: WizardDraft) => {
    setDraft(next);
    setRefused([]);
  };

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

  if (!draft || !settings || !units.data || !categories.data)
    return existing.error ? <ErrorNote error={existing.error} /> : <Loading />;
  const found = [...basicsProblems(draft), ...scoringProblems(settings, enabled)];
  const shown = [...found, ...refused];

  const save = async () => {
    if (found.length > 0) {
      // Nothing is sent while the page shows a problem: each is beside its field, the first one in view.
      setHeld(true);
      document.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center' });
      return;
    }
    setHeld(false);
    setSaving(true);
    setError(null);
    setRefused([]);
    try {
      const unitIds = new Set(draft.unitIds);
      const inScope = (categoryId: number) =>
        units.data!.units.some((u) => u.categoryId === categoryId && unitIds.has(u.id));
      const saved = await saveDraft(draft, campaignId, enabled, inScope);
      setProblems(saved.openingProblems);
      if (!campaignId) navigate(`/console/campaigns/${saved.id}/edit`, true);
    } catch (e) {
      if (e instanceof FieldsRefused) {
        setRefused(e.problems);
        setHeld(true);
      } else setError(e);
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
            <input
              value={draft.name}
              onChange={(e) => edit({ ...draft, name: e.target.value })}
              {...invalidProps(shown, 'name')}
            />
            <FieldProblems problems={shown} field="name" />
          </label>
          <label>
            {t(lang, '英文名称', 'English name')}
            <input
              value={draft.nameEn}
              onChange={(e) => edit({ ...draft, nameEn: e.target.value })}
              {...invalidProps(shown, 'nameEn')}
            />
            <FieldProblems problems={shown} field="nameEn" />
          </label>
          <label>
            {t(lang, '链接标识（小写字母、数字、连字符）', 'Link name (a-z, 0-9, hyphens)')}
            <input
              value={draft.slug}
              onChange={(e) => edit({ ...draft, slug: e.target.value })}
              {...invalidProps(shown, 'slug')}
            />
            <FieldProblems problems={shown} field="slug" />
          </label>
          <label>
            {t(lang, '开始时间', 'Starts')}
            <input
              type="datetime-local"
              value={draft.startsAt}
              onChange={(e) => edit({ ...draft, startsAt: e.target.value })}
              {...invalidProps(shown, 'startsAt')}
            />
            <FieldProblems problems={shown} field="startsAt" />
          </label>
          <label>
            {t(lang, '结束时间', 'Ends')}
            <input
              type="datetime-local"
              value={draft.endsAt}
              onChange={(e) => edit({ ...draft, endsAt: e.target.value })}
              {...invalidProps(shown, 'endsAt')}
            />
            <FieldProblems problems={shown} field="endsAt" />
          </label>
        </div>
      </Card>
      <Card title={t(lang, '评议范围', 'Scope')}>
        <ScopeStep
          units={units.data.units}
          categories={categories.data.categories}
          unitIds={draft.unitIds}
          unrankedCategoryIds={draft.unrankedCategoryIds}
          onChange={(unitIds, unrankedCategoryIds) => edit({ ...draft, unitIds, unrankedCategoryIds })}
        />
      </Card>
      <Card title={t(lang, '评议主体与问卷', 'Raters and questionnaires')}>
        <ErrorNote error={questionnaires.error} />
        <RatersStep
          raters={draft.raters}
          questionnaires={questionnaires.data?.questionnaires ?? []}
          problems={shown}
          onChange={(raters) => edit({ ...draft, raters })}
        />
      </Card>
      <Card title={t(lang, '计分规则', 'Scoring')}>
        <ScoringStep
          draft={draft.scoring}
          raterTypes={enabled}
          settings={settings}
          problems={shown}
          onChange={(scoring) => edit({ ...draft, scoring })}
        />
      </Card>
      <Card>
        <ErrorNote error={error} />
        {held && shown.length > 0 && (
          <p className="notice notice-warn" role="alert" data-testid="not-saved">
            {t(
              lang,
              `尚未保存：请先改正上面标出的 ${shown.length} 处问题。`,
              `Not saved: first correct the ${shown.length} problem${shown.length === 1 ? '' : 's'} marked above.`,
            )}
          </p>
        )}
        {!held && problems && (
          <OpeningProblems
            problems={problems}
            title={t(lang, '已保存。开启前还需处理：', 'Saved. Before it can open:')}
          />
        )}
        {!held && problems && problems.length === 0 && (
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
