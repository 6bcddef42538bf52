import { t, type Lang } from '../../shared/i18n.ts';
import { formatNumber, movedWords } from '../../shared/problem-text.ts';
import type { DraftProblem, FieldKey } from './draft-problems.ts';

// The settings page's words for each problem beside its field, in the UI's language (what the server lists
// is worded by shared/problem-text.ts). Numbers are shown as people write them, in the unit of the field
// they sit beside (weights and quotas are entered as percentages).

function isPercentField(field: FieldKey): boolean {
  return field.startsWith('settings.scoring.weights') || field.startsWith('settings.scoring.grading.quotas');
}

export function problemText(lang: Lang, problem: DraftProblem): string {
  const percent = isPercentField(problem.field);
  const amount = (value: number) => (percent ? `${formatNumber(value * 100)}%` : formatNumber(value));
  switch (problem.code) {
    case 'required':
      return problem.field.endsWith('.grade')
        ? t(lang, '请填写等次名称。', 'Give the grade a name.')
        : t(lang, '请填写此项。', 'This is required.');
    case 'too_small':
      return t(lang, `不能小于 ${amount(problem.minimum)}。`, `Must be at least ${amount(problem.minimum)}.`);
    case 'too_big':
      return t(lang, `不能大于 ${amount(problem.maximum)}。`, `Must be at most ${amount(problem.maximum)}.`);
    case 'whole_number':
      return t(lang, '须为整数。', 'Must be a whole number.');
    case 'weights_sum':
      return t(
        lang,
        `权重之和须为 100%，现在是 ${amount(problem.total)}。`,
        `The weights must add up to 100%; they now add up to ${amount(problem.total)}.`,
      );
    case 'weight_unused':
      return t(
        lang,
        '此类评议主体参加评议，权重不能为 0%，否则其评议不计分。',
        'These raters take part, so their weight cannot be 0%: their ballots would count for nothing.',
      );
    case 'grade_repeated':
      return t(lang, '与上面的等次同名，请换一个名称。', 'A grade above has this name; choose another.');
    case 'band_not_lower':
      return t(
        lang,
        `分数线须低于上一等次的 ${amount(problem.above)} 分。`,
        `Must be below the grade above (${amount(problem.above)}).`,
      );
    case 'band_not_higher':
      return t(
        lang,
        `分数线须高于最低等次的 ${amount(problem.below)} 分。`,
        `Must be above the lowest grade (${amount(problem.below)}).`,
      );
    case 'quota_needs_lower_band':
      return t(
        lang,
        '至少设两个等次，才能限定最高等次的比例。',
        'Set at least two grades to limit the share of the top one.',
      );
    case 'slug_format':
      return t(
        lang,
        '链接标识须为 2–64 个小写字母、数字或连字符（连字符不在首尾、不连用），例如 qingxi-2026。',
        'Use 2–64 lower-case letters, digits and single hyphens inside, e.g. qingxi-2026.',
      );
    case 'slug_taken':
      return t(lang, '已有其他评议活动使用此链接标识，请换一个。', 'Another campaign already uses this link name.');
    case 'window_order':
      return t(lang, '结束时间须晚于开始时间。', 'Must be later than the start.');
    case 'unknown_setting':
      return t(lang, '系统不认识此项设置。', 'Unknown setting.');
    case 'moved':
      return movedWords(lang, problem.movedTo);
    case 'invalid':
      return invalidText(lang, problem.field);
  }
}

function invalidText(lang: Lang, field: FieldKey): string {
  if (field === 'settings.scoring.grading.quotas')
    return t(
      lang,
      '已保存的其他等次比例限制与这些等次不符。',
      'A stored quota on another grade does not fit these grades.',
    );
  if (field === 'settings.scoring.grading')
    return t(
      lang,
      '已保存的末位等次或一票否决等次与这些等次不符。',
      'The stored bottom or veto grade does not fit these grades.',
    );
  return t(lang, '此项设置有误。', 'This setting is not valid.');
}
