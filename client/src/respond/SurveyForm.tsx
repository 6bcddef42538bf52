import { useEffect, useMemo } from 'react';
import '../../../surveys/properties.ts';
import { Model } from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { surveyLocale, type Lang } from '../shared/i18n.ts';
// Counters under comment areas and "Other" texts, which survey-react-ui draws without one.
import './comment-counter.tsx';
import { PINGYI_SURVEY_THEME } from './theme.ts';

interface SurveyFormProps {
  definition: Record<string, unknown>;
  lang: Lang;
  draft: Record<string, unknown> | null;
  onDraft: (answers: Record<string, unknown>) => void;
  onComplete: (answers: Record<string, unknown>) => void;
}

/** SurveyJS models are mutable by design: switching language is a property write, not a new model. */
function setSurveyLanguage(model: Model, lang: Lang): void {
  model.locale = surveyLocale(lang);
}

/** Renders one questionnaire with survey-react-ui; the server re-validates whatever it sends. */
export function SurveyForm({ definition, lang, draft, onDraft, onComplete }: SurveyFormProps) {
  const model = useMemo(() => {
    const survey = new Model(definition);
    survey.applyTheme(PINGYI_SURVEY_THEME);
    survey.showCompletedPage = false;
    if (draft) survey.data = draft;
    return survey;
    // The model is made once per definition; the draft only seeds it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition]);

  useEffect(() => setSurveyLanguage(model, lang), [model, lang]);

  useEffect(() => {
    const saveDraft = () => onDraft(model.data as Record<string, unknown>);
    const complete = () => onComplete(model.data as Record<string, unknown>);
    model.onValueChanged.add(saveDraft);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(saveDraft);
      model.onComplete.remove(complete);
    };
  }, [model, onDraft, onComplete]);

  return <Survey model={model} />;
}
