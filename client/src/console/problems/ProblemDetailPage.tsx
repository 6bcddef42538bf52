import { useMemo, useState } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link, navigate } from '../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { OverdueNote, StateChip } from './ProblemBits.tsx';
import { ProblemEvidence } from './ProblemEvidence.tsx';
import { createBody, editBody, EMPTY_VALUES, valuesOf } from './problem-form-values.ts';
import { ProblemForm } from './ProblemForm.tsx';
import { ProblemTimeline } from './ProblemTimeline.tsx';
import {
  ACTION_WORDS,
  DIALOG_ACTIONS,
  percent,
  sourceText,
  visibilityText,
  type DialogAction,
} from './problem-words.ts';

type Problem = ResponseOf<(typeof api.problems)[':id']['$get']>;

/** /console/problems/new (id null) or /console/problems/{id}. */
export default function ProblemDetailPage({ id }: { id: number | null }) {
  return id === null ? <NewProblem /> : <ExistingProblem id={id} />;
}

/** A new problem: unit staff for their own unit (a draft); the office for any unit, optionally filed at once. */
function NewProblem() {
  const lang = useLang();
  const me = useApi(() => api.auth.me.$get(), []);
  if (me.error) return <ErrorNote error={me.error} />;
  if (!me.data) return <Loading />;
  const office = me.data.role === 'admin';
  if (!office && me.data.role !== 'unit_staff')
    return (
      <p className="notice notice-warn">
        {t(lang, '您的账号只能查看，不能新增问题。', 'Your account reads only; it cannot add problems.')}
      </p>
    );
  const initial = { ...EMPTY_VALUES, unitId: office ? '' : String(me.data.unitId ?? '') };
  return (
    <Card title={t(lang, '新增问题', 'Add a problem')}>
      <p className="muted">
        {t(
          lang,
          '问题要具体、有实例，像“错题本”一样写清楚。保存后为草稿，填好整改措施、责任人和时限后提交评议办审核备案。',
          'Be specific, with real examples. It is saved as a draft; once measures, owner and deadline are set, submit it for the office to file.',
        )}
      </p>
      <ProblemForm
        initial={initial}
        chooseUnit={office}
        office={office}
        creating
        onSave={async (values) => {
          const created = await call(api.problems.$post({ json: createBody(values, office) }));
          navigate(`/console/problems/${created.id}`, true);
        }}
        onCancel={() => navigate('/console/problems')}
      />
    </Card>
  );
}

function ExistingProblem({ id }: { id: number }) {
  const lang = useLang();
  const problem = useApi(() => api.problems[':id'].$get({ param: { id: String(id) } }), [id]);
  const types = useApi(() => api['problem-types'].$get(), []);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const typeNames = useMemo(
    () => new Map((types.data?.types ?? []).map((type) => [type.id, t(lang, type.name, type.nameEn)])),
    [types.data, lang],
  );
  if (problem.error) return <ErrorNote error={problem.error} />;
  if (!problem.data) return <Loading />;
  const data = problem.data;
  const allowed = new Set<string>(data.allowedActions);
  const buttons = DIALOG_ACTIONS.filter((action) => allowed.has(action));
  const canEdit = allowed.has('edit');
  const canUpload = allowed.has('evidence');
  const evidence = (
    <ProblemEvidence problemId={data.id} items={data.evidence} canUpload={canUpload} onUploaded={problem.reload} />
  );

  return (
    <>
      <p className="breadcrumb">
        <Link to="/console/problems">{t(lang, '← 整改台账', '← Ledger')}</Link>
      </p>
      <Card
        title={
          <>
            {data.title} <StateChip state={data.state} />
          </>
        }
      >
        <div className="problem-summary" data-testid="problem-summary">
          <span>{t(lang, data.unit.name, data.unit.nameEn)}</span>
          <span>
            {t(lang, '时限', 'Deadline')} {data.deadline ?? '—'}{' '}
            <OverdueNote overdue={data.overdue} workingDays={data.overdueWorkingDays} />
          </span>
          <span>
            {t(lang, '来源：', 'Source: ')}
            {sourceText(lang, data.source)}
          </span>
          <span>
            {t(lang, '公开范围：', 'Visibility: ')}
            {visibilityText(lang, data.visibility)}
          </span>
        </div>
        {buttons.length > 0 && (
          <div className="problem-actions" role="group" aria-label={t(lang, '可进行的操作', 'What you can do')}>
            {buttons.map((action) => (
              <button
                key={action}
                type="button"
                className={
                  action === 'return' || action === 'explain' || action === 'reopen'
                    ? 'button-secondary'
                    : 'button-primary'
                }
                onClick={() => {
                  setSaved(false);
                  setDialog(action);
                }}
              >
                {t(lang, ...ACTION_WORDS[action])}
              </button>
            ))}
          </div>
        )}
        {buttons.length === 0 && !canEdit && (
          <p className="muted">{t(lang, '当前没有您可进行的操作。', 'There is nothing for you to do on it now.')}</p>
        )}
        {data.explanation && (
          <p className="notice" data-testid="explanation">
            <strong>{t(lang, '解释说明：', 'Explanation: ')}</strong>
            {data.explanation}
          </p>
        )}
        {saved && (
          <p className="notice notice-ok" role="status">
            {t(lang, '已保存。', 'Saved.')}
          </p>
        )}
      </Card>
      <Card
        title={t(lang, '问题内容', 'The problem')}
        actions={
          canEdit &&
          !editing && (
            <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
              {t(lang, '修改', 'Edit')}
            </button>
          )
        }
      >
        {editing ? (
          <ProblemForm
            key={data.updatedAt}
            initial={valuesOf(data)}
            chooseUnit={false}
            office={false}
            creating={false}
            onSave={async (values) => {
              await call(api.problems[':id'].$patch({ param: { id: String(data.id) }, json: editBody(values) }));
              setEditing(false);
              setSaved(true);
              problem.reload();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <ProblemFacts problem={data} />
        )}
        {!canEdit && data.filedAt && (
          <p className="muted small">
            {t(
              lang,
              '已审核备案：内容不再修改，进展、延期和解释说明记入时间线。',
              'Filed: its fields no longer change; progress, extensions and explanations go on the timeline.',
            )}
          </p>
        )}
      </Card>
      <div className="split">
        <Card title={t(lang, '整改佐证材料', 'Evidence of the fix')}>{evidence}</Card>
        <Card title={t(lang, '整改评价', 'Ratings of the fix')}>
          <Ratings ratings={data.ratings} />
        </Card>
      </div>
      <Card title={t(lang, '时间线', 'Timeline')}>
        <ProblemTimeline events={data.timeline} evidence={data.evidence} typeNames={typeNames} />
      </Card>
      {dialog && (
        <ActionDialog
          key={dialog}
          problemId={data.id}
          action={dialog}
          deadline={data.deadline}
          evidence={dialog === 'claim' ? evidence : undefined}
          onClose={() => {
            setDialog(null);
            problem.reload();
          }}
          onDone={() => {
            setDialog(null);
            setEditing(false);
            problem.reload();
          }}
        />
      )}
    </>
  );
}

/** The problem's fields as read (when they cannot be edited, or before the editor opens). */
function ProblemFacts({ problem }: { problem: Problem }) {
  const lang = useLang();
  const rows: [string, string, boolean?][] = [
    [t(lang, '责任单位', 'Unit'), t(lang, problem.unit.name, problem.unit.nameEn)],
    [t(lang, '具体表现', 'Detail'), problem.detail, true],
    [t(lang, '来源', 'Source'), sourceText(lang, problem.source)],
    [t(lang, '来源编号', 'Source reference'), problem.sourceRef ?? '—'],
    [t(lang, '问题类型', 'Type'), problem.type ? t(lang, problem.type.name, problem.type.nameEn) : '—'],
    [t(lang, '责任领导', 'Responsible leader'), problem.leader ?? '—'],
    [t(lang, '责任人', 'Responsible person'), problem.owner ?? '—'],
    [t(lang, '整改措施', 'Measures'), problem.measures ?? '—', true],
    [t(lang, '整改时限', 'Deadline'), problem.deadline ?? '—'],
    [t(lang, '公开范围', 'Visibility'), visibilityText(lang, problem.visibility)],
  ];
  return (
    <dl className="problem-facts" data-testid="problem-facts">
      {rows.map(([label, value, wide]) => (
        <div key={label} className={wide ? 'wide' : undefined}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How the raisers rated the fix: a count per rating, and the share satisfied. */
function Ratings({ ratings }: { ratings: Problem['ratings'] }) {
  const lang = useLang();
  const total = ratings.satisfied + ratings.basically_satisfied + ratings.unsatisfied;
  if (total === 0) return <p className="muted">{t(lang, '尚无评价。', 'No ratings yet.')}</p>;
  const share = percent(ratings.satisfied + ratings.basically_satisfied, total);
  return (
    <>
      <table className="data compact" data-testid="ratings">
        <tbody>
          <tr>
            <th scope="row">{t(lang, '满意', 'Satisfied')}</th>
            <td className="num">{ratings.satisfied}</td>
          </tr>
          <tr>
            <th scope="row">{t(lang, '基本满意', 'Basically satisfied')}</th>
            <td className="num">{ratings.basically_satisfied}</td>
          </tr>
          <tr>
            <th scope="row">{t(lang, '不满意', 'Unsatisfied')}</th>
            <td className="num">{ratings.unsatisfied}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">{t(lang, `满意和基本满意占 ${share}%`, `${share}% satisfied or basically satisfied`)}</p>
    </>
  );
}
