// What the tally counts for one campaign: its units, and per rater type the scored items and the
// scale. Points are set per questionnaire choice (pyPoints) and may differ between questions of one
// questionnaire (满意 80 on one, 部分做到 60 on another), while the scoring module has one scale per rater
// type; so a rater type's scale is every points value its questionnaire can give, best first, plus any
// value found in the stored ratings (an older questionnaire version), so no stored rating is ever refused.
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Scale } from '../../scoring/scales.ts';
import type { TallySettings } from '../../scoring/tally.ts';

export interface ItemLabel {
  readonly id: string;
  readonly label: string;
  readonly labelEn: string | null;
}

export interface QuestionnaireShape {
  readonly items: readonly { readonly key: string; readonly label: string; readonly labelEn?: string }[];
  /** The definition as stored (JSON), for its pyPoints. */
  readonly definition: unknown;
}

export interface ObservedValue {
  readonly raterType: RaterType;
  readonly item: string;
  readonly points: number;
}

export interface TallyLayout {
  readonly settings: TallySettings;
  readonly items: Readonly<Record<RaterType, readonly ItemLabel[]>>;
}

export function tallyLayout(
  unitIds: readonly number[],
  questionnaires: Partial<Readonly<Record<RaterType, QuestionnaireShape>>>,
  observed: readonly ObservedValue[],
): TallyLayout {
  const scales = {} as Record<RaterType, Scale | null>;
  const items = {} as Record<RaterType, ItemLabel[]>;
  for (const raterType of RATER_TYPES) {
    const questionnaire = questionnaires[raterType];
    const seen = observed.filter((value) => value.raterType === raterType);
    items[raterType] = itemsOf(questionnaire, seen);
    scales[raterType] = scaleOf(raterType, questionnaire, seen);
  }
  // The module wants a scale for every rater type. A type with no questionnaire and no ratings borrows
  // another's, so it cannot widen the composite's bounds or add a mapping problem.
  const fallback =
    RATER_TYPES.map((raterType) => scales[raterType]).find((scale) => scale !== null) ??
    pointsScale('none', [100, 0], new Map());
  const raterTypes = {} as Record<RaterType, TallySettings['raterTypes'][RaterType]>;
  for (const raterType of RATER_TYPES) {
    // No leniency view: it needs each rater's whole ballot, which is not stored (decision 011).
    raterTypes[raterType] = {
      scale: scales[raterType] ?? fallback,
      items: items[raterType].map((item) => ({ id: item.id })),
      leniency: false,
    };
  }
  return { settings: { unitIds: unitIds.map(String), raterTypes }, items };
}

function itemsOf(questionnaire: QuestionnaireShape | undefined, seen: readonly ObservedValue[]): ItemLabel[] {
  const items: ItemLabel[] = (questionnaire?.items ?? []).map((item) => ({
    id: item.key,
    label: item.label,
    labelEn: item.labelEn ?? null,
  }));
  const known = new Set(items.map((item) => item.id));
  const extra = [...new Set(seen.map((value) => value.item))].filter((id) => !known.has(id)).sort();
  return [...items, ...extra.map((id) => ({ id, label: id, labelEn: null }))];
}

function scaleOf(
  raterType: RaterType,
  questionnaire: QuestionnaireShape | undefined,
  seen: readonly ObservedValue[],
): Scale | null {
  const labels = new Map<number, string>();
  if (questionnaire) collectLevels(questionnaire.definition, labels);
  for (const value of seen) if (!labels.has(value.points)) labels.set(value.points, `${value.points}分`);
  if (labels.size === 0) return null;
  const points = [...labels.keys()].sort((a, b) => b - a);
  // A scale needs two levels; a questionnaire with a single points value still gets a floor of 0.
  if (points.length === 1) points.push(points[0]! > 0 ? 0 : points[0]! - 1);
  return pointsScale(raterType, points, labels);
}

function pointsScale(id: string, points: readonly number[], labels: ReadonlyMap<number, string>): Scale {
  return {
    id,
    levels: points.map((value) => ({ key: `p${value}`, label: labels.get(value) ?? `${value}分`, points: value })),
    dontKnowKeys: [],
  };
}

/** Every choice, rate value or column with pyPoints, labelled by its first (Chinese) text. */
function collectLevels(node: unknown, labels: Map<number, string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectLevels(child, labels);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  const points = element['pyPoints'];
  if (typeof points === 'number' && Number.isFinite(points) && !labels.has(points))
    labels.set(points, textOf(element['text']) ?? `${points}分`);
  for (const value of Object.values(element)) collectLevels(value, labels);
}

function textOf(text: unknown): string | null {
  if (typeof text === 'string') return text;
  if (text !== null && typeof text === 'object' && typeof (text as Record<string, unknown>)['default'] === 'string') {
    return (text as Record<string, string>)['default']!;
  }
  return null;
}
