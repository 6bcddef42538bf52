import type { Model, PageModel } from 'survey-core';
import { commonGrade, sameGradeScale, type Grade } from './same-grade.ts';
import type { PagedDefinition, UnitPage } from './unit-pages.ts';

/** What the pager shows around the current page: where the person is and what is left. */
export interface PagerView {
  readonly page: PageModel;
  /** The unit this page rates; null on the pages before and after the units. */
  readonly unit: UnitPage | null;
  /** Position among the units shown (0-based); -1 off the unit pages. */
  readonly index: number;
  readonly total: number;
  readonly rated: number;
  /** Units not yet rated, this one aside. */
  readonly left: number;
  readonly firstUnrated: { page: PageModel; index: number } | null;
  /** The grades one tap can give every item here, or null. */
  readonly scale: readonly Grade[] | null;
  /** The grade every item here has, if they all have the same one. */
  readonly current: unknown;
  /** Past the last unit: the page with the comments and the submit button. */
  readonly afterUnits: boolean;
}

/** A unit counts as rated once its page would let the person go on: every required item answered. */
function isRated(page: PageModel, paged: PagedDefinition, data: Record<string, unknown>): boolean {
  // From the answers where that is enough; survey-core's own check only where conditions decide.
  return paged.isRated(page.name, data) ?? (page.questions.some((q) => !q.isEmpty()) && page.validate(false));
}

/**
 * Reads the model for the pager. It walks every unit's rows, which survey-core builds on first use and
 * announces to the components that draw them: call it from the model's events, never while rendering.
 */
export function pagerView(model: Model, paged: PagedDefinition): PagerView {
  const page = model.currentPage as PageModel;
  const pages = model.visiblePages;
  const unitPages = pages.filter((p) => paged.unitPages.has(p.name));
  const unit = paged.unitPages.get(page.name) ?? null;
  const index = unitPages.indexOf(page);
  const data = model.data as Record<string, unknown>;
  const rated = new Set(unitPages.filter((p) => isRated(p, paged, data)));
  const unrated = unitPages.findIndex((p) => !rated.has(p));
  const scale = unit ? sameGradeScale(page) : null;
  return {
    page,
    unit,
    index,
    total: unitPages.length,
    rated: rated.size,
    left: unitPages.filter((p) => p !== page && !rated.has(p)).length,
    firstUnrated: unrated === -1 ? null : { page: unitPages[unrated]!, index: unrated },
    scale,
    current: scale ? commonGrade(page) : undefined,
    afterUnits: !unit && unitPages.length > 0 && pages.indexOf(page) > pages.indexOf(unitPages[0]!),
  };
}
