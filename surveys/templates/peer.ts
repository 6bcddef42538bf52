import { deepFreeze, text } from './text.ts';
import { commentQuestion, unitMatrix } from './unit-matrix.ts';

/** 同级部门评: every unit grades every other unit (never itself) on working together. */
export const PEER_TEMPLATE: object = deepFreeze({
  title: text('同级部门互评', 'Evaluation by peer units'),
  description: text(
    '请对以下兄弟单位的协作配合情况作出评价；本单位不在名单中。评价匿名。',
    'Please grade how each other unit works with yours; your own unit is not listed. Anonymous.',
  ),
  showQuestionNumbers: 'off',
  widthMode: 'responsive',
  pages: [
    {
      name: 'units',
      elements: [
        unitMatrix('units', text('各单位评价', 'Grades per unit'), [
          { item: 'cooperation', title: text('协作配合', 'Cooperation') },
          { item: 'bigPicture', title: text('大局意识', 'Seeing the bigger picture') },
        ]),
        commentQuestion(),
      ],
    },
  ],
});
