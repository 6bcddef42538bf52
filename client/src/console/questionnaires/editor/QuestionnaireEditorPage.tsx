import { useEffect, useState } from 'react';
import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { api } from '../../../shared/api.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import { navigate } from '../../../shared/router.ts';
import { Card, ErrorNote, Loading } from '../../ui.tsx';
import { useApi } from '../../use-api.ts';
import { definitionProblems } from './editor-checks.ts';
import type { Definition } from './editor-model.ts';
import { blankDefinition, sameDefinition } from './editor-ops.ts';
import { SaveBar, SurveyCard, type Notice } from './EditorPanels.tsx';
import { ElementList } from './ElementList.tsx';
import { readText } from './localized.ts';
import { dropPendingDraft, pendingDraft } from './pending-draft.ts';
import { PhonePreview } from './PhonePreview.tsx';
import { DefinitionRefused, saveQuestionnaire, type QuestionnaireDetail } from './save.ts';
import { placeProblems, type PlacedProblem } from './server-problems.ts';

interface EditorPageProps {
  /** The version to edit; absent for a new questionnaire. */
  readonly id?: number;
  /** Who answers a new questionnaire. */
  readonly raterType?: RaterType;
  /** Start from the definition an import handed over (pending-draft.ts). */
  readonly fromImport?: boolean;
}

interface Working {
  readonly id: number | null;
  readonly raterType: RaterType;
  readonly saved: Definition;
  readonly detail: QuestionnaireDetail | null;
}

const MAX_TITLE = 200;

function newWorking(id: number | undefined, raterType: RaterType): Working | null {
  return id ? null : { id: null, raterType, saved: blankDefinition(), detail: null };
}

/** A new questionnaire starts blank, or from the JSON an import handed over; a stored one once loaded. */
function startingDefinition(id: number | undefined, raterType: RaterType, fromImport: boolean): Definition {
  return (!id && fromImport ? pendingDraft(raterType) : null) ?? blankDefinition();
}

/** Edits a questionnaire's SurveyJS JSON with forms for the templates' question types, beside a live phone preview. */
export default function QuestionnaireEditorPage({ id, raterType = 'recipient', fromImport = false }: EditorPageProps) {
  const lang = useLang();
  const loaded = useApi(id ? () => api.questionnaires[':id'].$get({ param: { id: String(id) } }) : null, [id]);
  const [working, setWorking] = useState<Working | null>(() => newWorking(id, raterType));
  const [definition, setDefinition] = useState<Definition>(() => startingDefinition(id, raterType, fromImport));
  const [expanded, setExpanded] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<PlacedProblem[]>([]);
  const [refusal, setRefusal] = useState<{ code: string; count: number } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  // Another questionnaire (or a new one) is opened in the same page: start over, unless the route now
  // names the version just saved, whose answer the page holds already.
  const routeKey = `${id ?? 'new'}:${raterType}:${fromImport}`;
  const [route, setRoute] = useState(routeKey);
  if (route !== routeKey) {
    setRoute(routeKey);
    if (!(id !== undefined && working?.id === id)) {
      setWorking(newWorking(id, raterType));
      setDefinition(startingDefinition(id, raterType, fromImport));
      setExpanded(null);
      setAttempted(false);
      setServerProblems([]);
      setRefusal(null);
      setNotice(null);
      setError(null);
    }
  }

  // A version loaded from the server, unless it is the one just saved (saving answered with it already).
  useEffect(() => {
    const detail = loaded.data;
    if (!detail || detail.id !== id || working?.id === detail.id) return;
    setWorking({ id: detail.id, raterType: detail.raterType, saved: detail.definition, detail });
    setDefinition(detail.definition);
  }, [loaded.data, id, working?.id]);

  const dirty = working !== null && !sameDefinition(definition, working.saved);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!working) return <Loading />;

  const editorProblems = definitionProblems(definition, working.raterType);
  const surveyProblems = attempted ? editorProblems.filter((p) => !('element' in p)) : [];
  const generalServerProblems = serverProblems.filter((p) => p.element === null);

  const change = (next: Definition, changedKey?: string) => {
    setDefinition(next);
    setNotice(null);
    // A question's server problems go once the office has changed that question.
    if (changedKey) setServerProblems((current) => current.filter((p) => p.element !== changedKey));
  };

  const save = async () => {
    setAttempted(true);
    setError(null);
    setNotice(null);
    if (editorProblems.length > 0) return;
    setSaving(true);
    try {
      const zhTitle = readText(definition['title']).zh.trim().slice(0, MAX_TITLE);
      const saved = await saveQuestionnaire(working.id, working.raterType, definition, zhTitle || undefined);
      setWorking({
        id: saved.detail.id,
        raterType: saved.detail.raterType,
        saved: saved.detail.definition,
        detail: saved.detail,
      });
      setDefinition(saved.detail.definition);
      setServerProblems([]);
      setRefusal(null);
      setNotice(
        saved.newVersion
          ? { kind: 'newVersion', version: saved.detail.version }
          : { kind: working.id === null ? 'created' : 'saved' },
      );
      if (working.id === null) dropPendingDraft();
      if (saved.detail.id !== working.id) navigate(`/console/questionnaires/${saved.detail.id}/edit`, true);
    } catch (e) {
      if (e instanceof DefinitionRefused) {
        setServerProblems(placeProblems(definition, e.problems));
        setRefusal({ code: e.error.code, count: e.problems.length });
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const leave = () => {
    if (!dirty || window.confirm(t(lang, '有未保存的修改，确定离开？', 'Leave without saving your changes?')))
      navigate('/console/questionnaires');
  };

  return (
    <div className="q-editor">
      <div className="q-editor-main">
        <SurveyCard
          definition={definition}
          detail={working.detail}
          raterType={working.raterType}
          surveyProblems={surveyProblems}
          serverProblems={generalServerProblems}
          onChange={change}
          onLeave={leave}
        />
        <Card>
          <ElementList
            definition={definition}
            raterType={working.raterType}
            onChange={change}
            expanded={expanded}
            onExpand={setExpanded}
            showChecks={attempted}
            serverProblems={serverProblems}
          />
        </Card>
        <SaveBar
          problemCount={attempted ? editorProblems.length : 0}
          refusal={refusal}
          notice={notice}
          dirty={dirty}
          error={error}
          saving={saving}
          onSave={() => void save()}
        />
      </div>
      <aside className="q-editor-side">
        <PhonePreview definition={definition} raterType={working.raterType} />
      </aside>
    </div>
  );
}
