import type { OpeningProblemCode } from '../../../server/campaigns/campaign-readiness.ts';
import type { DefinitionProblemCode, UnsupportedReason } from '../../../surveys/lint-rules.ts';
import { ANSWER_WORDS } from './answer-problem-text.ts';
import { t, type Lang } from './i18n.ts';
import { RATER_LABEL } from './labels.ts';

// The one table of the words for the problems the server lists (why a campaign cannot open, why answers or
// a questionnaire definition were refused), by their stable `code`, in the UI's language. The server's
// English `message` is never shown in the Chinese UI: a code this table does not know gets a general
// sentence instead. test/client/problem-text.test.ts checks every code the server can send has words here.

/** A problem as the server sends it: a stable code, the names and numbers it is about, an English sentence. */
export interface ServerProblem {
  readonly code: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** Which list of codes a problem belongs to: codes are stable within a list, not across them. */
export type ProblemFamily = 'opening' | 'answer' | 'definition';

type Params = Readonly<Record<string, unknown>>;
type Words = (lang: Lang, params: Params) => string;

/** A number without floating-point noise or trailing zeros: 0.9000000000000001 → "0.9", 90.00000000000001 → "90". */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

const text = (params: Params, key: string): string => {
  const value = params[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

const number = (params: Params, key: string): number => Number(params[key]);

const percent = (value: number) => `${formatNumber(value * 100)}%`;

function rater(lang: Lang, params: Params, key = 'raterType'): string {
  const label = RATER_LABEL[text(params, key)];
  return label ? t(lang, ...label) : t(lang, '评议主体', 'raters');
}

function when(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A category the scoring settings name, by the name the office gave it where the server found one. */
function category(lang: Lang, params: Params): string {
  const key = text(params, 'category');
  if (key === 'uncategorised') return t(lang, '未分类的单位', 'units without a category');
  const name = text(params, 'categoryName');
  if (name) return t(lang, `类别“${name}”`, `category "${t(lang, name, text(params, 'categoryNameEn'))}"`);
  return t(lang, `编号为 ${key} 的类别`, `category ${key}`);
}

/**
 * Where a setting sent to its old place lives now (`movedTo`, server/campaigns/moved-settings.ts): said the
 * same way beside a field of the settings page and in a list of what stops a draft from opening.
 */
export function movedWords(lang: Lang, movedTo: string): string {
  if (movedTo === 'rater_type_min_count')
    return t(
      lang,
      '最少有效票数（匿名门槛）只在“评议主体与问卷”中按评议主体设置，计分规则中不再设置。',
      'The minimum ballots (anonymity threshold) are set only per rater type under Raters and questionnaires, no longer in the scoring rules.',
    );
  if (movedTo === 'unranked_categories')
    return t(
      lang,
      '类别是否参与排名只在“评议范围”中选择，计分规则中不再设置。',
      'Whether a category is ranked is chosen only under Scope, no longer in the scoring rules.',
    );
  return t(
    lang,
    '计分规则中的类别改用类别编号（数字）标识，请重新保存计分规则。',
    'Categories in the scoring rules are now named by their number; save the scoring rules again.',
  );
}

/** Whose weights a problem is about: the campaign's own, or one category's. */
function weightsOf(lang: Lang, params: Params): string {
  return params['category'] === undefined
    ? t(lang, '评议主体权重', 'The weights between rater types')
    : t(lang, `${category(lang, params)}的权重`, `The weights of ${category(lang, params)}`);
}

function unit(lang: Lang, params: Params, idKey: string): string {
  const name = text(params, 'unitName');
  if (name) return t(lang, `“${name}”`, `"${t(lang, name, text(params, 'unitNameEn'))}"`);
  return t(lang, `编号为 ${text(params, idKey)} 的单位`, `unit ${text(params, idKey)}`);
}

function questionnaire(lang: Lang, params: Params): string {
  const title = text(params, 'title');
  return t(lang, `“${rater(lang, params)}”的问卷“${title}”`, `The ${rater(lang, params)} questionnaire "${title}"`);
}

/** The settings a path names, as the settings page calls them; a path it does not know is "a setting". */
const SETTING_LABELS: ReadonlyArray<[RegExp, (lang: Lang, match: RegExpExecArray) => string]> = [
  [
    /^settings\.scoring\.weights\.(\w+)$/,
    (lang, m) => t(lang, `“${t(lang, ...(RATER_LABEL[m[1]!] ?? ['', '']))}”的权重`, `the ${m[1]} weight`),
  ],
  [/^settings\.scoring\.weights$/, (lang) => t(lang, '评议主体权重', 'the weights between rater types')],
  [
    /^settings\.scoring\.grading\.bands\.(\d+)\.minScore$/,
    (lang, m) => t(lang, `第 ${Number(m[1]) + 1} 个等次的分数线`, `the score of grade ${Number(m[1]) + 1}`),
  ],
  [
    /^settings\.scoring\.grading\.bands\.(\d+)(\.grade)?$/,
    (lang, m) => t(lang, `第 ${Number(m[1]) + 1} 个等次`, `grade ${Number(m[1]) + 1}`),
  ],
  [/^settings\.scoring\.grading\.quotas/, (lang) => t(lang, '等次比例限制', 'the grade quotas')],
  [/^settings\.scoring\.grading\.bottom/, (lang) => t(lang, '末位等次', 'the bottom grade')],
  [/^settings\.scoring\.grading\.vetoGrade/, (lang) => t(lang, '一票否决等次', 'the veto grade')],
  [/^settings\.scoring\.grading/, (lang) => t(lang, '等次设置', 'the grades')],
  [/^settings\.scoring\.categories/, (lang) => t(lang, '分类别的计分设置', 'the settings of a category')],
  [/^settings\.scoring\.minimumBallots/, (lang) => t(lang, '最少有效票数', 'the minimum ballots')],
  [/^settings\.scope/, (lang) => t(lang, '只评不排的类别', 'the categories rated but not ranked')],
  [/^settings\.scoring\.precision/, (lang) => t(lang, '得分保留的小数位数', 'the decimals of the score')],
  [/^settings\.scoring\.confidence/, (lang) => t(lang, '置信水平', 'the confidence level')],
  [/^settings\.scoring\.rankRange/, (lang) => t(lang, '名次区间', 'the rank range')],
  [/^settings\.scoring\.statistic/, (lang) => t(lang, '计分方法', 'the score statistic')],
  [/^settings\.scoring\.itemCombination/, (lang) => t(lang, '多个评议项目的合并方法', 'how the items are combined')],
  [/^settings\.scoring\.tieBreaks/, (lang) => t(lang, '同分排序规则', 'the tie-breaks')],
  [/^settings\.scoring\.vetoes/, (lang) => t(lang, '一票否决', 'the vetoes')],
];

/** What the settings page calls the setting at `path` (`settings.scoring.weights.peer`). */
export function settingLabel(lang: Lang, path: string): string {
  for (const [pattern, label] of SETTING_LABELS) {
    const match = pattern.exec(path);
    if (match) return label(lang, match);
  }
  return t(lang, '计分规则中的一项设置', `the setting ${path}`);
}

/** Weights and quotas are entered as percentages, so their bounds are shown as percentages too. */
function bound(params: Params, key: string): string {
  const path = text(params, 'path');
  const value = number(params, key);
  return /\.(weights|quotas)\b/.test(path) ? percent(value) : formatNumber(value);
}

function setting(lang: Lang, params: Params, zh: string, en: string): string {
  const label = settingLabel(lang, text(params, 'path'));
  return t(lang, `计分规则：${label}${zh}`, `Scoring: ${label} ${en}`);
}

const OPENING: Record<OpeningProblemCode, Words> = {
  scope_too_small: (lang, p) =>
    t(
      lang,
      `评议范围至少需要 ${text(p, 'minimum')} 个单位，现在有 ${text(p, 'count')} 个。请在“评议范围”中选择。`,
      `At least ${text(p, 'minimum')} units must be in scope; it has ${text(p, 'count')}. Choose them under Scope.`,
    ),
  scope_units_inactive: (lang, p) =>
    t(
      lang,
      `评议范围中有 ${text(p, 'count')} 个单位已停用（${text(p, 'units')}），请重新设置评议范围。`,
      `${text(p, 'count')} units in scope are no longer active (${text(p, 'units')}); set the scope again without them.`,
    ),
  no_rater_types: (lang) =>
    t(
      lang,
      '尚未选择评议主体：请在“评议主体与问卷”中至少启用一类。',
      'No rater type takes part: enable at least one under Raters and questionnaires.',
    ),
  questionnaire_rater_type_mismatch: (lang, p) =>
    t(
      lang,
      `${questionnaire(lang, p)}是为“${rater(lang, p, 'writtenFor')}”编写的，请换一份问卷。`,
      `${questionnaire(lang, p)} is written for ${rater(lang, p, 'writtenFor')}; choose another.`,
    ),
  questionnaire_no_items: (lang, p) =>
    t(
      lang,
      `${questionnaire(lang, p)}没有计分题，其评议将不计分。请换一份问卷。`,
      `${questionnaire(lang, p)} has no scored question, so its ballots would score nothing.`,
    ),
  questionnaire_no_unit_matrix: (lang, p) =>
    t(
      lang,
      `${questionnaire(lang, p)}没有逐个单位评分的矩阵题，无法评议范围内的单位。请换一份为该类评议主体编写的问卷。`,
      `${questionnaire(lang, p)} has no unit matrix, so it would not rate the units in scope.`,
    ),
  questionnaire_unusable: (lang, p) =>
    t(
      lang,
      `${questionnaire(lang, p)}无法使用，请在“问卷”页检查或换一份问卷。`,
      `${questionnaire(lang, p)} cannot be used; check it on the Questionnaires page or choose another.`,
    ),
  window_order: (lang) => t(lang, '结束时间须晚于开始时间。', 'The end must be later than the start.'),
  window_ended: (lang, p) =>
    t(
      lang,
      `结束时间（${when(text(p, 'endsAt'), lang)}）已过，请改到以后。`,
      `The end (${when(text(p, 'endsAt'), lang)}) has passed; move it later.`,
    ),
  scoring_missing: (lang) =>
    t(
      lang,
      '尚未设置计分规则：请在“计分规则”中设置各类评议主体的权重。',
      'No scoring rules yet: set the weights between rater types under Scoring.',
    ),
  setting_required: (lang, p) => setting(lang, p, '须填写。', 'is required.'),
  setting_too_small: (lang, p) =>
    setting(lang, p, `不能小于 ${bound(p, 'minimum')}。`, `must be at least ${bound(p, 'minimum')}.`),
  setting_too_big: (lang, p) =>
    setting(lang, p, `不能大于 ${bound(p, 'maximum')}。`, `must be at most ${bound(p, 'maximum')}.`),
  setting_invalid: (lang, p) => setting(lang, p, '有误。', 'is not valid.'),
  setting_unknown: (lang, p) =>
    t(
      lang,
      '计分规则中有一项系统不认识的设置，请联系系统管理员。',
      `Scoring: ${text(p, 'path')} is not a known setting.`,
    ),
  setting_moved: (lang, p) => movedWords(lang, text(p, 'movedTo')),
  category_not_in_scope: (lang, p) =>
    t(
      lang,
      `计分规则为${category(lang, p)}作了设置，但评议范围内没有该类别的单位。`,
      `Scoring names ${category(lang, p)}, but no unit in scope belongs to it.`,
    ),
  veto_unit_not_in_scope: (lang, p) =>
    t(
      lang,
      `一票否决的${unit(lang, p, 'unitId')}不在评议范围内。`,
      `A veto names ${unit(lang, p, 'unitId')}, which is not in scope.`,
    ),
  weight_for_absent_raters: (lang, p) =>
    t(
      lang,
      `${weightsOf(lang, p)}中“${rater(lang, p)}”为 ${percent(number(p, 'weight'))}，但本次评议没有这类评议主体。`,
      `${weightsOf(lang, p)} give ${rater(lang, p)} ${percent(number(p, 'weight'))}, but they take no part.`,
    ),
  weight_zero_for_raters: (lang, p) =>
    t(
      lang,
      `“${rater(lang, p)}”参加评议，权重不能为 0%，否则其评议不计分。`,
      `${rater(lang, p)} take part, so their weight cannot be 0%: their ballots would count for nothing.`,
    ),
  weight_negative: (lang, p) =>
    t(
      lang,
      `${weightsOf(lang, p)}中“${rater(lang, p)}”不能为负数。`,
      `${weightsOf(lang, p)}: the ${rater(lang, p)} weight cannot be negative.`,
    ),
  weights_sum: (lang, p) =>
    t(
      lang,
      `${weightsOf(lang, p)}之和须为 100%，现在是 ${percent(number(p, 'total'))}。`,
      `${weightsOf(lang, p)} must add up to 100%; they add up to ${percent(number(p, 'total'))}.`,
    ),
  category_repeated: (lang, p) =>
    t(lang, `计分规则中${category(lang, p)}出现了两次。`, `Scoring lists ${category(lang, p)} twice.`),
  minimum_ballots_invalid: (lang, p) =>
    t(
      lang,
      `“${rater(lang, p)}”的最少有效票数须为不小于 1 的整数。`,
      `The minimum ballots of ${rater(lang, p)} must be a whole number of at least 1.`,
    ),
  precision_invalid: (lang) =>
    t(lang, '得分保留的小数位数须为 0 到 6 的整数。', 'The decimals of the score must be a whole number 0–6.'),
  confidence_invalid: (lang) => t(lang, '置信水平须大于 0 且小于 1。', 'The confidence level must be between 0 and 1.'),
  bootstrap_replicates_invalid: (lang) =>
    t(
      lang,
      '名次区间的重抽样次数须为不小于 1 的整数。',
      'The bootstrap replicates of the rank range must be a whole number of at least 1.',
    ),
  grading_no_bands: (lang) => t(lang, '至少需要设置一个等次。', 'Set at least one grade.'),
  grade_names_repeated: (lang) => t(lang, '等次名称不能重复。', 'Grade names must differ.'),
  bands_not_decreasing: (lang, p) =>
    t(
      lang,
      `等次须从高到低排列：“${text(p, 'grade')}”的分数线（${text(p, 'minScore')}）须低于上一等次的 ${text(p, 'above')} 分。`,
      `Grades go best first: the score of "${text(p, 'grade')}" (${text(p, 'minScore')}) must be below the grade above (${text(p, 'above')}).`,
    ),
  quota_grade_invalid: (lang, p) =>
    t(
      lang,
      `比例限制只能用于最低等次以上的等次，“${text(p, 'grade')}”不符合。`,
      `A quota can only limit a grade above the lowest; "${text(p, 'grade')}" is not one.`,
    ),
  quota_share_invalid: (lang, p) =>
    t(
      lang,
      `“${text(p, 'grade')}”的比例限制须在 0% 到 100% 之间。`,
      `The quota of "${text(p, 'grade')}" must be 0–100%.`,
    ),
  bottom_count_invalid: (lang) =>
    t(lang, '末位等次的单位数须为不小于 0 的整数。', 'The number of bottom units must be a whole number of 0 or more.'),
  veto_grade_invalid: (lang, p) =>
    t(
      lang,
      `一票否决等次“${text(p, 'grade')}”既不是已设的等次，也不是末位等次。`,
      `The veto grade "${text(p, 'grade')}" is neither a grade nor the bottom grade.`,
    ),
  unit_repeated: (lang, p) =>
    t(lang, `编号为 ${text(p, 'unit')} 的单位在计分中出现了两次。`, `Unit ${text(p, 'unit')} is listed twice.`),
  unit_not_in_tally: (lang, p) =>
    t(lang, `编号为 ${text(p, 'unit')} 的单位不在计票之列。`, `Unit ${text(p, 'unit')} is not in the tally.`),
  unit_category_unknown: (lang, p) =>
    t(
      lang,
      `编号为 ${text(p, 'unit')} 的单位所属的类别不在计分规则中。`,
      `Unit ${text(p, 'unit')} belongs to a category the scoring does not know.`,
    ),
  veto_unit_not_rated: (lang, p) =>
    t(
      lang,
      `一票否决的${unit(lang, p, 'unitId')}不在本次评议之列。`,
      `A veto names ${unit(lang, p, 'unitId')}, which this campaign does not rate.`,
    ),
  settings_unreadable: (lang) =>
    t(
      lang,
      '已保存的设置无法读取（可能被手工改动过），请联系系统管理员。',
      'The stored settings cannot be read (they may have been edited by hand); ask the system administrator.',
    ),
};

const REASON: Record<UnsupportedReason, [string, string]> = {
  choices_by_url: ['服务器不会从网址获取选项，无法核对答案', 'the server never fetches choices from a web address'],
  triggers: ['触发器会在浏览器中改动答案，服务器无法复核', 'triggers change answers in the browser'],
  choices_from_question: [
    '从其他题复制的选项无法在服务器上核对',
    'choices copied from another question cannot be checked',
  ],
  value_name: ['每道题须把答案存在自己的代码下', 'every question stores its answer under its own name'],
  set_value: ['不支持由表达式设置答案，请改用表达式题', 'values set by expressions are not supported'],
  computed_limits: ['不支持由表达式计算的上下限', 'computed limits are not supported'],
  template_visible_if: ['不支持按条件隐藏动态面板', 'hiding dynamic panels by condition is not supported'],
  detail_panels: ['不支持矩阵的明细面板', 'matrix detail panels are not supported'],
  unique_values: ['不支持唯一值约束', 'unique values are not supported'],
  choices_as_objects: ['不支持以对象保存的选项', 'choices stored as objects are not supported'],
  custom_choices: [
    '允许填写者自加选项会使任何答案都被接受',
    'respondents adding their own choices would allow any answer',
  ],
  generated_choices: ['不支持自动生成的选项，请逐个列出', 'generated choices are not supported; list them'],
  other_as_comment: ['“其他”的文字须作为备注保存', 'the "Other" text must be stored as a comment'],
  choice_comment: ['请使用整道题的备注框，而不是某个选项的备注框', "use the question's comment area, not one choice's"],
};

const DEFINITION: Record<DefinitionProblemCode, Words> = {
  malformed_json: (lang) => t(lang, '问卷定义的格式有误，无法读取。', 'The definition is not valid JSON.'),
  definition_not_object: (lang) =>
    t(lang, '问卷定义的最外层须是一个对象（用 { } 括起）。', 'A definition must be a JSON object.'),
  forbidden_property_name: (lang, v) =>
    t(lang, `不能用“${text(v, 'key')}”作属性名。`, `"${text(v, 'key')}" cannot be used as a property name.`),
  property_type: (lang, v) => {
    const expected = text(v, 'expected');
    const zh = expected === 'boolean' ? 'true 或 false' : expected === 'number' ? '数字' : '非空的文字';
    const en = expected === 'boolean' ? 'true or false' : expected === 'number' ? 'a number' : 'a non-empty text';
    return t(lang, `属性 ${text(v, 'property')} 的值须为${zh}。`, `${text(v, 'property')} must be ${en}.`);
  },
  problem_report_part: (lang, v) =>
    t(
      lang,
      `属性 ${text(v, 'property')} 的值须为 ${text(v, 'allowed')} 之一。`,
      `${text(v, 'property')} must be one of ${text(v, 'allowed')}.`,
    ),
  invalid_expression: (lang, v) =>
    t(lang, `条件表达式写法有误：${text(v, 'expression')}`, `Invalid expression: ${text(v, 'expression')}`),
  invalid_text: (lang) =>
    t(lang, '文字须为字符串，或按语言分列的字符串。', 'A text must be a string or strings keyed by locale.'),
  entry_not_object: (lang, v) =>
    text(v, 'expected') === 'object'
      ? t(lang, '此处的每一项须是一个对象。', 'Each entry here must be an object.')
      : t(
          lang,
          '选项须为文字、数字、true/false，或带 value 的对象。',
          'An option must be a value or an object with a value.',
        ),
  entry_value_type: (lang) =>
    t(lang, '选项的取值须为文字、数字或 true/false。', 'An option value must be text, a number or true/false.'),
  unknown_entry_type: (lang, v) => t(lang, `未知的类型 ${text(v, 'type')}。`, `Unknown type ${text(v, 'type')}.`),
  old_element_list: (lang, v) =>
    t(
      lang,
      `不支持旧写法“${text(v, 'key')}”，请改为“${text(v, 'list')}”。`,
      `The old "${text(v, 'key')}" list is not supported; use "${text(v, 'list')}".`,
    ),
  unsupported_property: (lang, v) => {
    const reason = REASON[text(v, 'reason') as UnsupportedReason];
    const why = reason ? t(lang, ...reason) : t(lang, '服务器无法在提交时复核', 'the server could not check it');
    return t(lang, `不支持属性 ${text(v, 'key')}：${why}。`, `${text(v, 'key')} is not supported: ${why}.`);
  },
  comment_with_other: (lang) =>
    t(
      lang,
      '备注框不能与“其他”选项同时使用，请保留其中一个。',
      'A comment area cannot be combined with the "Other" choice; keep one of them.',
    ),
  unknown_property: (lang, v) =>
    t(lang, `不认识的属性 ${text(v, 'key')}。`, `Unknown property ${text(v, 'key')} for ${text(v, 'className')}.`),
  container_rule: (lang, v) =>
    t(
      lang,
      `页面或面板上不支持 ${text(v, 'key')}，请设在其中的题目上。`,
      `${text(v, 'key')} on a ${text(v, 'className')} is not supported; set it on its questions.`,
    ),
  container_not_object: (lang) => t(lang, '页面或面板须是一个对象。', 'A page or panel must be an object.'),
  question_name_required: (lang) => t(lang, '题目缺少代码（name）。', 'A question needs a name.'),
  question_name_forbidden: (lang, v) =>
    t(lang, `不能用“${text(v, 'name')}”作题目代码。`, `"${text(v, 'name')}" cannot be used as a question name.`),
  duplicate_question_name: (lang, v) =>
    t(lang, `题目代码“${text(v, 'name')}”重复，每道题的代码须唯一。`, `Duplicate question name "${text(v, 'name')}".`),
  column_not_scorable: (lang) => t(lang, '此类型的矩阵列不能计分。', 'A column of this type cannot be scored.'),
  options_missing: (lang) =>
    t(lang, '计分题须列出选项，且每个选项都有分值。', 'A scored question needs options with points.'),
  points_missing: (lang, v) =>
    t(
      lang,
      `第 ${number(v, 'index') + 1} 个选项没有分值：计分题的每个选项都要有分值（“不了解”除外）。`,
      `Option ${number(v, 'index') + 1} has no points: every option of a scored question needs points.`,
    ),
  item_not_scored: (lang) =>
    t(lang, '设了评价项目代码，但此题未设为计分题，不会计分。', 'An item is set but the question is not scored.'),
  not_scorable: (lang) => t(lang, '此题型不能计分。', 'This question type cannot be scored.'),
  element_not_object: (lang) => t(lang, '每道题须是一个对象。', 'An element must be an object.'),
  element_type_missing: (lang) => t(lang, '题目缺少题型（type）。', 'An element needs a type.'),
  unknown_question_type: (lang, v) =>
    t(lang, `题型 ${text(v, 'type')} 不存在。`, `Unknown question type ${text(v, 'type')}.`),
  unsupported_question_type: (lang, v) =>
    t(
      lang,
      `不支持题型 ${text(v, 'type')}：服务器无法核验其答案。`,
      `Question type ${text(v, 'type')} is not supported: the server could not check its answers.`,
    ),
  elements_not_array: (lang) => t(lang, '题目列表须是一个数组（用 [ ] 括起）。', 'The elements must be an array.'),
  problem_report_repeated: (lang) =>
    t(lang, '有两道题标为同一项问题反映，请只标一道。', 'Two questions are marked as the same problem-report part.'),
  not_checkable: (lang) =>
    t(lang, '问卷中有服务器无法核验的设置。', 'The questionnaire has a setting the server cannot check.'),
  unit_rows_for_recipient: (lang) =>
    t(
      lang,
      '服务对象只评价为其办事的一个单位，问卷中不能有单位矩阵。',
      'A service recipient rates only the unit that served them, so the questionnaire cannot have a unit matrix.',
    ),
  scored_outside_unit_matrix: (lang) =>
    t(
      lang,
      '上级领导评和同级部门评的计分题只能是单位矩阵中的项目。',
      'On superior and peer questionnaires only the items of a unit matrix can be scored.',
    ),
  surveyjs_load_failed: (lang) => t(lang, '问卷组件无法载入此问卷定义。', 'SurveyJS could not load the definition.'),
  definition_unreadable: (lang) => t(lang, '问卷定义无法读取。', 'The definition could not be read.'),
  no_questions: (lang) => t(lang, '问卷还没有题目。', 'The questionnaire has no questions.'),
  too_many_values: (lang, v) =>
    t(
      lang,
      `问卷过大：内容超过 ${text(v, 'limit')} 项。`,
      `The definition holds more than ${text(v, 'limit')} values.`,
    ),
  too_deep: (lang, v) =>
    t(
      lang,
      `问卷嵌套超过 ${text(v, 'limit')} 层。`,
      `The definition is nested more than ${text(v, 'limit')} levels deep.`,
    ),
  too_many_elements: (lang, v) =>
    t(
      lang,
      `问卷的页面、题目和面板等合计超过 ${text(v, 'limit')} 个。`,
      `The definition has more than ${text(v, 'limit')} pages, questions and panels together.`,
    ),
  list_too_long: (lang, v) =>
    t(
      lang,
      `一个列表有 ${text(v, 'count')} 项，最多 ${text(v, 'limit')} 项。`,
      `A list has ${text(v, 'count')} entries; at most ${text(v, 'limit')} are allowed.`,
    ),
  too_many_columns: (lang, v) =>
    t(
      lang,
      `一个矩阵有 ${text(v, 'count')} 列，最多 ${text(v, 'limit')} 列。`,
      `A matrix has ${text(v, 'count')} columns; at most ${text(v, 'limit')} are allowed.`,
    ),
};

/** The words of every code, by family: what the tests check against the server's lists. */
export const PROBLEM_WORDS: { readonly [F in ProblemFamily]: Readonly<Record<string, Words>> } = {
  opening: OPENING,
  answer: ANSWER_WORDS,
  definition: DEFINITION,
};

/** The words of each reason a SurveyJS feature is refused, for the tests. */
export const UNSUPPORTED_REASON_WORDS: Readonly<Record<string, [string, string]>> = REASON;

const GENERAL: Record<ProblemFamily, [string, string]> = {
  opening: ['还有一项设置需要处理。', 'One more setting needs attention.'],
  answer: ['有答案不符合问卷要求。', 'An answer is not accepted.'],
  definition: ['问卷中有一处不符合要求。', 'Part of the questionnaire is not accepted.'],
};

/**
 * A server problem in the UI's language. A code this table does not know (a newer server) gets a general
 * sentence in Chinese, never the English message; the English UI then shows the server's own sentence.
 */
export function problemText(lang: Lang, family: ProblemFamily, problem: ServerProblem): string {
  const words = PROBLEM_WORDS[family][problem.code];
  if (words) return words(lang, problem.params ?? {});
  const [zh, en] = GENERAL[family];
  return lang === 'zh' ? zh : problem.message || en;
}

/** The problems a refusal carries, as far as they have the shape of one (`ApiError.problems`). */
export function serverProblems(problems: readonly unknown[] | undefined): ServerProblem[] {
  return (problems ?? []).flatMap((entry) => {
    if (entry === null || typeof entry !== 'object') return [];
    const { code, params, message } = entry as Record<string, unknown>;
    if (typeof code !== 'string') return [];
    return [
      {
        code,
        params: params !== null && typeof params === 'object' ? (params as Params) : {},
        ...(typeof message === 'string' ? { message } : {}),
      },
    ];
  });
}
