import { deepFreeze, text } from './text.ts';
import { DONT_KNOW, satisfactionChoices, satisfactionStars } from './scales.ts';

/** The ten bad habits (十种不良作风) a recipient can tick; not scored, counted for the unit's report. */
export const BAD_HABITS = [
  ['yong', '慵：不思进取、得过且过', 'Idling: drifting along without effort'],
  ['lan', '懒：敷衍应付、马虎了事', 'Sloppiness: perfunctory, careless work'],
  ['san', '散：纪律松散、各行其是', 'Lax discipline: everyone doing as they please'],
  ['tuo', '拖：办事拖拉、久拖不决', 'Delay: dragging matters out'],
  ['tui', '推：推诿扯皮、不愿担责', 'Dodging responsibility: passing the buck'],
  ['yong2', '庸：标准不高、能力平庸', 'Low standards: content with mediocre work'],
  ['fu', '浮：作风漂浮、脱离群众', 'Aloofness: staying away from the people served'],
  ['xu', '虚：弄虚作假、做表面文章', 'Faking results: window dressing instead of work'],
  ['si', '私：以权谋私、吃拿卡要', 'Self-interest: using the office for personal gain'],
  ['jiang', '僵：因循守旧、脱离实际', 'Clinging to old ways and ignoring reality'],
] as const;

/**
 * 服务对象评: rates the one unit that served the respondent, in under a minute on a phone.
 * One page; the rated unit is the campaign's target unit, so no unit question is asked.
 */
export const RECIPIENT_TEMPLATE: object = deepFreeze({
  title: text('服务对象满意度评议', 'Service satisfaction evaluation'),
  description: text(
    '请对刚刚为您办事的单位作出评价，约需一分钟。评价匿名，仅用于改进作风。',
    'Please rate the office that just served you; it takes about a minute. Anonymous, used only to improve the service.',
  ),
  showQuestionNumbers: 'off',
  questionErrorLocation: 'bottom',
  widthMode: 'responsive',
  completedHtml: text('<h3>感谢您的评价！</h3>', '<h3>Thank you for your rating!</h3>'),
  pages: [
    {
      name: 'rating',
      elements: [
        {
          type: 'rating',
          name: 'attitude',
          title: text('服务态度', 'Service attitude'),
          rateType: 'stars',
          isRequired: true,
          rateValues: satisfactionStars(),
          pyItem: 'attitude',
          pyScored: true,
        },
        {
          type: 'rating',
          name: 'efficiency',
          title: text('办事效率', 'Efficiency'),
          rateType: 'stars',
          isRequired: true,
          rateValues: satisfactionStars(),
          pyItem: 'efficiency',
          pyScored: true,
        },
        {
          type: 'radiogroup',
          name: 'serviceRules',
          title: text(
            '是否落实首问负责、限时办结、一次性告知？',
            'Did staff take first-contact responsibility, finish within the time limit and tell you everything needed at once?',
          ),
          isRequired: true,
          colCount: 0,
          choices: [
            { value: 'all', text: text('都做到了', 'Yes, all of them'), pyPoints: 100 },
            { value: 'some', text: text('部分做到', 'Some of them'), pyPoints: 60 },
            { value: 'none', text: text('都没做到', 'None of them'), pyPoints: 0 },
            DONT_KNOW,
          ],
          pyItem: 'serviceRules',
          pyScored: true,
        },
        {
          type: 'radiogroup',
          name: 'overall',
          title: text('总体满意度', 'Overall satisfaction'),
          isRequired: true,
          choices: satisfactionChoices(),
          pyItem: 'overall',
          pyScored: true,
        },
        {
          type: 'checkbox',
          name: 'badHabits',
          title: text(
            '您是否遇到以下作风问题？（可多选）',
            'Did you meet any of these problems? (tick all that apply)',
          ),
          choices: BAD_HABITS.map(([value, zh, en]) => ({ value, text: text(zh, en) })),
          showNoneItem: true,
          noneText: text('没有遇到', 'None of these'),
        },
        {
          type: 'comment',
          name: 'comment',
          title: text('意见和建议', 'Comments and suggestions'),
          maxLength: 500,
          rows: 2,
        },
        {
          type: 'boolean',
          name: 'reportProblem',
          title: text('是否有具体问题需要反映？', 'Do you want to report a specific problem?'),
          renderAs: 'checkbox',
        },
        {
          type: 'panel',
          name: 'problem',
          visibleIf: '{reportProblem} = true',
          elements: [
            {
              type: 'comment',
              name: 'problemDescription',
              pyProblemReport: 'description',
              title: text('问题描述', 'Describe the problem'),
              isRequired: true,
              maxLength: 1000,
              rows: 3,
            },
            {
              type: 'text',
              name: 'problemContact',
              pyProblemReport: 'contact',
              title: text('联系电话（选填，便于反馈处理结果）', 'Phone (optional, so we can tell you the outcome)'),
              inputType: 'tel',
              maxLength: 20,
              validators: [
                {
                  type: 'regex',
                  regex: '^[0-9+\\- ]{5,20}$',
                  text: text('请输入有效的电话号码', 'Enter a valid phone number'),
                },
              ],
            },
          ],
        },
      ],
    },
  ],
});
