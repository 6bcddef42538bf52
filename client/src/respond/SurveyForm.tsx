import { useEffect, useMemo } from 'react';
import '../../../surveys/properties.ts';
import { Model } from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { surveyLocale, type Lang } from '../shared/i18n.ts';
// Counters under comment areas and "Other" texts, which survey-react-ui draws without one.
import './comment-counter.tsx';
import { PINGYI_SURVEY_THEME } from './theme.ts';
import { pageByUnit, type PagedDefinition } from './unit-pages.ts';
import { UnitPager } from './UnitPager.tsx';

interface SurveyFormProps {
  definition: Record<string, unknown>;
  lang: Lang;
  draft: Record<string, unknown> | null;
  onDraft: (answers: Record<string, unknown>) => void;
  onComplete: (answers: Record<string, unknown>) => void;
  /** The page a many-unit form was last on (its name), to come back to it after a reload. */
  position?: string | null;
  onPosition?: (pageName: string) => void;
}

/** SurveyJS models are mutable by design: switching language is a property write, not a new model. */
const NO_POSITION = () => undefined;

function setSurveyLanguage(model: Model, lang: Lang): void {
  model.locale = surveyLocale(lang);
}

/** The buttons of a form paged by unit, unless the questionnaire names its own. */
const PAGED_BUTTONS = {
  pagePrevText: { default: '上一个单位', en: 'Previous unit' },
  pageNextText: { default: '下一个单位', en: 'Next unit' },
  completeText: { default: '提交', en: 'Submit' },
};

function createModel(definition: Record<string, unknown>, paged: PagedDefinition | null): Model {
  if (!paged) return new Model(definition);
  const survey = new Model({ ...PAGED_BUTTONS, ...paged.definition });
  // The page's own header names the rater type and the unit; the description shows on the first unit.
  survey.showTitle = false;
  return survey;
}

/**
 * Renders one questionnaire with survey-react-ui; the server re-validates whatever it sends. A form that
 * rates many units is shown one unit per page, and its answers keep the shape the server serves.
 */
export function SurveyForm({ definition, lang, draft, onDraft, onComplete, position, onPosition }: SurveyFormProps) {
  const paged = useMemo(() => pageByUnit(definition), [definition]);
  const model = useMemo(() => {
    const survey = createModel(definition, paged);
    survey.applyTheme(PINGYI_SURVEY_THEME);
    survey.showCompletedPage = false;
    if (draft) survey.data = paged ? paged.toPaged(draft) : draft;
    const resumed = position ? survey.getPageByName(position) : null;
    if (resumed?.isVisible) survey.currentPage = resumed;
    return survey;
    // The model is made once per definition; the draft and the position only seed it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition, paged]);

  useEffect(() => setSurveyLanguage(model, lang), [model, lang]);

  useEffect(() => {
    const answers = () => model.data as Record<string, unknown>;
    const served = () => (paged ? paged.fromPaged(answers()) : answers());
    const saveDraft = () => onDraft(served());
    const completing = (_: Model, options: { allow: boolean }) => {
      // Next checks each unit as the person leaves it; a unit reached by a jump is checked here.
      if (paged && !model.validate(true, true, undefined, true)) options.allow = false;
    };
    const complete = () => onComplete(served());
    model.onValueChanged.add(saveDraft);
    model.onCompleting.add(completing);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(saveDraft);
      model.onCompleting.remove(completing);
      model.onComplete.remove(complete);
    };
  }, [model, paged, onDraft, onComplete]);

  if (paged) return <UnitPager model={model} paged={paged} lang={lang} onPosition={onPosition ?? NO_POSITION} />;
  return <Survey model={model} />;
}
