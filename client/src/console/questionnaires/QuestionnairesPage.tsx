import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import type { RaterType } from '../../../../scoring/rater-type.ts';
import { SurveyForm } from '../../respond/SurveyForm.tsx';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, formatTime, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { RATER_LABEL } from '../../shared/labels.ts';
import { Link, navigate } from '../../shared/router.ts';
import { ImportPanel } from './ImportPanel.tsx';

/** Questionnaires: the versions on file, a live preview as raters will see it, and new ones from templates. */
export default function QuestionnairesPage() {
  const lang = useLang();
  const list = useApi(() => api.questionnaires.$get({ query: {} }), []);
  const [selected, setSelected] = useState<number | null>(null);
  const detail = useApi(selected ? () => api.questionnaires[':id'].$get({ param: { id: String(selected) } }) : null, [
    selected,
  ]);
  const preview = useApi(
    selected
      ? () =>
          // Without units the server fills the unit rows with its own sample units.
          api.questionnaires[':id']['preview-definition'].$get({ param: { id: String(selected) }, query: {} })
      : null,
    [selected],
  );
  const [error, setError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const [blankFor, setBlankFor] = useState<RaterType>('recipient');

  const createFrom = async (template: RaterType) => {
    setError(null);
    try {
      const created = await call(api.questionnaires.$post({ json: { template } }));
      list.reload();
      setSelected(created.id);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="split">
      <div className="q-list-column">
        <Card
          title={t(lang, '问卷', 'Questionnaires')}
          actions={(['superior', 'peer', 'recipient'] as const).map((r) => (
            <button key={r} type="button" className="button-secondary" onClick={() => createFrom(r)}>
              {t(lang, `新建：${RATER_LABEL[r]![0]}`, `New: ${RATER_LABEL[r]![1]}`)}
            </button>
          ))}
        >
          <div className="q-list-tools">
            <span className="q-new-blank">
              <select
                aria-label={t(lang, '空白问卷的评议主体', 'Who answers the blank questionnaire')}
                value={blankFor}
                onChange={(e) => setBlankFor(e.target.value as RaterType)}
              >
                {(['superior', 'peer', 'recipient'] as const).map((r) => (
                  <option key={r} value={r}>
                    {t(lang, ...(RATER_LABEL[r] ?? [r, r]))}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button-secondary"
                onClick={() => navigate(`/console/questionnaires/new/${blankFor}`)}
              >
                {t(lang, '新建空白问卷', 'New blank questionnaire')}
              </button>
            </span>
            <button
              type="button"
              className="button-secondary"
              aria-expanded={importing}
              onClick={() => setImporting((open) => !open)}
            >
              {t(lang, '导入 SurveyJS JSON', 'Import SurveyJS JSON')}
            </button>
          </div>
          <ErrorNote error={error ?? list.error} />
          {!list.data && !list.error && <Loading />}
          <div className="q-table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>{t(lang, '标题', 'Title')}</th>
                  <th>{t(lang, '评议主体', 'Rater type')}</th>
                  <th className="num">{t(lang, '版本', 'Version')}</th>
                  <th className="num">{t(lang, '使用中的活动', 'Campaigns')}</th>
                  <th>{t(lang, '更新', 'Updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data?.questionnaires.map((q) => (
                  <tr key={q.id} className={selected === q.id ? 'selected' : ''}>
                    <td>
                      <button type="button" className="link-button" onClick={() => setSelected(q.id)}>
                        {q.title}
                      </button>
                    </td>
                    <td>{t(lang, ...(RATER_LABEL[q.raterType] ?? [q.raterType, q.raterType]))}</td>
                    <td className="num">
                      v{q.version}
                      {q.versionCount > 1 ? ` / ${q.versionCount}` : ''}
                    </td>
                    <td className="num">{q.campaignCount}</td>
                    <td>{formatTime(q.createdAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        {importing && <ImportPanel onClose={() => setImporting(false)} />}
      </div>
      {selected && (
        <Card
          title={detail.data ? `${detail.data.title} · v${detail.data.version}` : t(lang, '预览', 'Preview')}
          actions={
            <Link to={`/console/questionnaires/${selected}/edit`} className="button-secondary">
              {t(lang, '编辑', 'Edit')}
            </Link>
          }
        >
          {detail.data && (
            <>
              <p className="muted">
                {t(lang, '计分项目：', 'Scored items: ')}
                {detail.data.questionnaireItems.map((i) => t(lang, i.label, i.labelEn ?? i.label)).join('、') || '—'}
              </p>
              {!detail.data.editableInPlace && (
                <p className="notice notice-warn">
                  {t(
                    lang,
                    '已有活动开启使用此版本：修改将生成新版本，原版本保持不变。',
                    'A started campaign uses this version: an edit creates a new version and this one stays as it is.',
                  )}
                </p>
              )}
            </>
          )}
          <div className="phone-frame">
            {preview.data ? (
              <SurveyForm
                key={selected}
                definition={preview.data.definition}
                lang={lang}
                draft={null}
                onDraft={() => undefined}
                onComplete={() => undefined}
              />
            ) : preview.error ? (
              <ErrorNote error={preview.error} />
            ) : (
              <Loading />
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
