import type {
  IElement,
  LocalizableString,
  MatrixDropdownColumn,
  PanelModel,
  Question,
  QuestionMatrixDropdownModelBase,
  QuestionPanelDynamicModel,
  SurveyModel,
} from 'survey-core';

export interface QuestionnaireItem {
  /** The item key ratings carry, e.g. 'attitude'. */
  readonly key: string;
  /** Chinese label (the `default` text). */
  readonly label: string;
  readonly labelEn?: string;
}

type Scorable = { name: string; locTitle: LocalizableString; getPropertyValue(name: string): unknown };

function labelOf(owner: Scorable): Pick<QuestionnaireItem, 'label' | 'labelEn'> {
  const json: unknown = owner.locTitle.getJson();
  if (typeof json === 'string') return { label: json };
  if (json !== null && typeof json === 'object') {
    const texts = json as Record<string, unknown>;
    const label = typeof texts['default'] === 'string' ? texts['default'] : owner.name;
    return typeof texts['en'] === 'string' ? { label, labelEn: texts['en'] } : { label };
  }
  return { label: owner.name };
}

function add(items: Map<string, QuestionnaireItem>, owner: Scorable): void {
  if (owner.getPropertyValue('pyScored') !== true) return;
  const pyItem = owner.getPropertyValue('pyItem');
  const key = typeof pyItem === 'string' && pyItem !== '' ? pyItem : owner.name;
  // Several questions may feed one item; the first one names it.
  if (!items.has(key)) items.set(key, { key, ...labelOf(owner) });
}

function walk(elements: readonly IElement[], items: Map<string, QuestionnaireItem>): void {
  for (const element of elements) {
    if (element.isPanel) {
      walk((element as unknown as PanelModel).elements, items);
      continue;
    }
    const question = element as unknown as Question;
    const type = question.getType();
    if (type === 'matrixdropdown' || type === 'matrixdynamic') {
      const columns: MatrixDropdownColumn[] = (question as QuestionMatrixDropdownModelBase).columns;
      for (const column of columns) add(items, column as unknown as Scorable);
    } else if (type === 'paneldynamic') {
      walk((question as QuestionPanelDynamicModel).templateElements, items);
    } else {
      add(items, question);
    }
  }
}

export function questionnaireItemsOf(model: SurveyModel): QuestionnaireItem[] {
  const items = new Map<string, QuestionnaireItem>();
  for (const page of model.pages) walk(page.elements, items);
  return [...items.values()];
}
