import type { RaterType } from '../scoring/rater-type.ts';
import type { QuestionnaireContext, UnitInScope } from './materialise.ts';

/**
 * Stand-ins for the units of a campaign, so unit-row matrices can be prepared and previewed without one:
 * the server's preview and checks, and the console's question editor, draw the same three.
 */
export const SAMPLE_UNITS: readonly [UnitInScope, ...UnitInScope[]] = [
  { id: 1, name: '示例单位一', nameEn: 'Sample unit 1' },
  { id: 2, name: '示例单位二', nameEn: 'Sample unit 2' },
  { id: 3, name: '示例单位三', nameEn: 'Sample unit 3' },
];

/** The context a ballot of this rater type is prepared with, filled with sample units. */
export function sampleContext(raterType: RaterType): QuestionnaireContext {
  return raterType === 'recipient' ? { targetUnitId: SAMPLE_UNITS[0].id } : { units: SAMPLE_UNITS };
}
