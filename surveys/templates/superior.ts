import { deepFreeze, text } from './text.ts';
import { commentQuestion, unitMatrix } from './unit-matrix.ts';

/**
 * 上级领导评: a city leader grades every unit in scope on the three things leaders judge plus an
 * overall grade (优秀/良好/一般/较差 = 100/80/60/40, the published formula's weights).
 */
export const SUPERIOR_TEMPLATE: object = deepFreeze({
  title: text('上级领导评议', 'Evaluation by city leaders'),
  description: text(
    '请对以下每个单位的作风作出评价；不熟悉的单位请选“不了解”，不计入得分。',
    "Please grade each unit below. Choose “Don't know” for a unit you cannot judge; it is not counted.",
  ),
  showQuestionNumbers: 'off',
  widthMode: 'responsive',
  pages: [
    {
      name: 'units',
      elements: [
        unitMatrix('units', text('各单位评价', 'Grades per unit'), [
          { item: 'responsibility', title: text('担当作为', 'Taking responsibility') },
          { item: 'promptness', title: text('马上就办', 'Acting at once') },
          { item: 'delivery', title: text('抓落实', 'Delivering on tasks') },
          { item: 'overall', title: text('综合评价', 'Overall grade') },
        ]),
        commentQuestion(),
      ],
    },
  ],
});
