import { gradeChoices, satisfactionChoices, satisfactionStars } from '../../../../../surveys/templates/scales.ts';
import { text } from '../../../../../surveys/templates/text.ts';
import type { OptionList } from './options.ts';

/** Ready-made levels with their points, from the default templates' scales (surveys/templates/scales.ts). */
export interface ScalePreset {
  readonly id: string;
  readonly label: readonly [zh: string, en: string];
  readonly levels: () => object[];
}

/** 满意 / 基本满意 / 不满意, as one county scored them; the worst level stays far below 60. */
function threeLevels(): object[] {
  return [
    { value: 3, text: text('满意', 'Satisfied'), pyPoints: 100 },
    { value: 2, text: text('基本满意', 'Fairly satisfied'), pyPoints: 70 },
    { value: 1, text: text('不满意', 'Dissatisfied'), pyPoints: 30 },
  ];
}

/** 1 to 10 points, worth 10 to 100. */
function tenPoints(): object[] {
  return Array.from({ length: 10 }, (_, i) => ({ value: i + 1, text: String(i + 1), pyPoints: (i + 1) * 10 }));
}

const CHOICE_PRESETS: readonly ScalePreset[] = [
  { id: 'satisfaction5', label: ['五级满意度（好差评）', 'Five satisfaction levels'], levels: satisfactionChoices },
  { id: 'grades4', label: ['四级等次（优秀/良好/一般/较差）', 'Four grades (excellent … poor)'], levels: gradeChoices },
  {
    id: 'satisfaction3',
    label: ['三级（满意/基本满意/不满意）', 'Three levels (satisfied … dissatisfied)'],
    levels: threeLevels,
  },
];

const RATING_PRESETS: readonly ScalePreset[] = [
  { id: 'stars5', label: ['五星（好差评）', 'Five stars'], levels: satisfactionStars },
  { id: 'points10', label: ['1–10 分', '1 to 10 points'], levels: tenPoints },
];

export function presetsFor(list: OptionList): readonly ScalePreset[] {
  return list === 'rateValues' ? RATING_PRESETS : CHOICE_PRESETS;
}
