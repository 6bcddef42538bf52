import { describe, expect, it } from 'vitest';
import { answerProblemsText } from '../../client/src/shared/answer-problem-text.ts';
import { ApiError, NetworkError } from '../../client/src/shared/api.ts';
import { chineseFor, errorText, GENERAL_ZH } from '../../client/src/shared/error-text.ts';
import {
  PROBLEM_WORDS,
  problemText,
  settingLabel,
  UNSUPPORTED_REASON_WORDS,
  type ProblemFamily,
} from '../../client/src/shared/problem-text.ts';
import { refusalProblems } from '../../client/src/console/wizard/draft-problems.ts';
import { problemText as fieldProblemText } from '../../client/src/console/wizard/problem-text.ts';
import { MESSAGE_CODES } from '../../server/message-codes.ts';
import { cjkLeaks, latinLeaks } from '../support/language-leaks.ts';

// Every code the server can send for a person to read has words in both languages (server/message-codes.ts
// lists them): a new code without a translation fails here. In the Chinese UI no English word is shown,
// whatever the code, and the English UI shows no Chinese but the office's names.

const nothingAllowed = { data: [] };
/** Names and values a problem is about, as the office would have typed them (in Chinese). */
const PARAMS = {
  minimum: 2,
  maximum: 6,
  count: 1,
  total: 0.9,
  weight: 0.3,
  raterType: 'peer',
  writtenFor: 'recipient',
  title: '上级领导评议',
  units: 'D01 市委办公室',
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: '2026-01-31T00:00:00.000Z',
  path: 'settings.scoring.weights.peer',
  stated: 4,
  minCount: 3,
  category: '7',
  categoryName: '党群部门',
  categoryNameEn: 'Party bodies',
  unitId: 12,
  unitName: '市财政局',
  unitNameEn: 'Finance Bureau',
  grade: '优秀',
  minScore: 90,
  above: 85,
  unit: '12',
  limit: 100,
  index: 0,
  list: '选项',
  name: '题目一',
};
/** What a definition problem names is the office's own JSON: its keys and types are codes it typed. */
const DEFINITION_CODES = { data: ['true', 'false', 'name', 'type', 'value', '{ }', '[ ]'] };

describe('the words for every code the server sends', () => {
  const families: ProblemFamily[] = ['opening', 'answer', 'definition'];

  it.each(families)('has Chinese and English words for every %s problem code', (family) => {
    const codes: readonly string[] = MESSAGE_CODES[family];
    expect(codes.filter((code) => !Object.hasOwn(PROBLEM_WORDS[family], code))).toEqual([]);
    for (const code of codes) {
      const zh = problemText('zh', family, { code, params: PARAMS, message: 'English only' });
      const en = problemText('en', family, { code, params: PARAMS, message: '只有中文' });
      expect([code, zh.length > 0, en.length > 0]).toEqual([code, true, true]);
      const allowed = family === 'definition' ? DEFINITION_CODES : nothingAllowed;
      expect([code, latinLeaks({ text: zh, attributes: [] }, allowed)]).toEqual([code, []]);
      // Only the office's names (given here in Chinese) may show in the English words.
      const names = { data: Object.values(PARAMS).map(String) };
      expect([code, cjkLeaks({ text: en, attributes: [] }, names)]).toEqual([code, []]);
    }
  });

  it('has words for every reason a SurveyJS feature is refused', () => {
    for (const reason of MESSAGE_CODES.unsupportedReason) {
      const [zh, en] = UNSUPPORTED_REASON_WORDS[reason] ?? ['', ''];
      expect([reason, zh.length > 0 && en.length > 0]).toEqual([reason, true]);
      const zhText = problemText('zh', 'definition', {
        code: 'unsupported_property',
        params: { key: 'triggers', reason },
      });
      expect(zhText).toContain(zh);
    }
  });

  it('words every settings refusal beside its field in both languages', () => {
    for (const code of MESSAGE_CODES.settings) {
      const placed = refusalProblems('invalid_settings', [
        { path: ['settings', 'scoring', 'precision'], code, message: 'English', minimum: 0, maximum: 6 },
      ]);
      expect(placed).toHaveLength(1);
      const zh = fieldProblemText('zh', placed[0]!);
      expect([code, latinLeaks({ text: zh, attributes: [] }, nothingAllowed)]).toEqual([code, []]);
      expect(fieldProblemText('en', placed[0]!)).not.toBe('');
    }
  });

  it('has Chinese words for every error code, and never shows the English message in Chinese', () => {
    // Configuration names, file types and an encoding are codes the office acts on: they stay as written.
    const allowed = { data: ['UTF-8', 'JPEG', 'PNG', 'WebP'] };
    for (const code of MESSAGE_CODES.error) {
      expect([code, chineseFor(code) !== undefined]).toEqual([code, true]);
      const shown = errorText('zh', new ApiError(400, code, 'An English sentence.'));
      expect([code, shown.includes('English'), latinLeaks({ text: shown, attributes: [] }, allowed)]).toEqual([
        code,
        false,
        [],
      ]);
      expect(errorText('en', new ApiError(400, code, 'An English sentence.'))).toBe('An English sentence.');
    }
  });
});

describe('what the pages show for a code they do not know', () => {
  it('says something general in Chinese, and the server’s own sentence in English', () => {
    const problem = { code: 'from_a_newer_server', message: 'Something new went wrong.' };
    expect(problemText('zh', 'opening', problem)).toBe('还有一项设置需要处理。');
    expect(problemText('en', 'opening', problem)).toBe('Something new went wrong.');
    expect(errorText('zh', new ApiError(409, 'from_a_newer_server', 'Something new.'))).toBe(GENERAL_ZH);
    expect(errorText('en', new ApiError(409, 'from_a_newer_server', 'Something new.'))).toBe('Something new.');
  });

  it('never shows a fault of the page itself in Chinese, and words a lost connection in both', () => {
    expect(errorText('zh', new TypeError('Cannot read properties of undefined'))).toBe(GENERAL_ZH);
    expect(errorText('zh', new NetworkError('Failed to fetch'))).toBe('网络连接失败，请重试。');
    expect(errorText('en', new NetworkError('Failed to fetch'))).toBe('No connection; please try again.');
  });
});

describe('refusals that list their problems', () => {
  const incomplete = new ApiError(
    422,
    'campaign_incomplete',
    'Campaign "x" cannot open yet (2 problems): …',
    undefined,
    undefined,
    undefined,
    [
      {
        code: 'scope_too_small',
        params: { minimum: 2, count: 1 },
        message: 'at least 2 units must be in scope, it has 1',
      },
      { code: 'no_rater_types', params: {}, message: 'no rater type takes part' },
    ],
  );

  it('lists each problem in the UI’s language after the refusal’s own words', () => {
    expect(errorText('zh', incomplete)).toBe(
      '评议活动尚不完整，暂不能开启：评议范围至少需要 2 个单位，现在有 1 个。请在“评议范围”中选择。' +
        '尚未选择评议主体：请在“评议主体与问卷”中至少启用一类。',
    );
    expect(errorText('en', incomplete)).toBe(
      'The campaign cannot open yet: At least 2 units must be in scope; it has 1. Choose them under Scope. ' +
        'No rater type takes part: enable at least one under Raters and questionnaires.',
    );
  });

  it('ends the sentence when the refusal lists nothing', () => {
    expect(errorText('zh', new ApiError(422, 'campaign_incomplete', 'x'))).toBe('评议活动尚不完整，暂不能开启。');
  });

  it('tells a respondent what kind of answer is wrong, once per kind, without question names', () => {
    const problems = [
      { question: 'attitude', code: 'required', message: 'Question "attitude": an answer is required' },
      { question: 'efficiency', code: 'required', message: 'Question "efficiency": an answer is required' },
      { question: 'x', code: 'unknown_key', message: 'Question "x": unknown key' },
    ];
    expect(answerProblemsText('zh', problems)).toBe('有必答题尚未回答。答案中有问卷里没有的题目。请返回修改。');
    expect(answerProblemsText('zh', undefined)).toBe('有的答案不符合问卷要求，请返回修改。');
    expect(answerProblemsText('zh', [{ code: 'from_a_newer_server' }])).toBe('有答案不符合问卷要求。请返回修改。');
    expect(answerProblemsText('en', problems)).toBe(
      'A required question has no answer. The answers include a question the questionnaire does not have. Please edit your answers.',
    );
  });
});

describe('the names of settings a problem points at', () => {
  it('calls each setting as the settings page does', () => {
    expect(settingLabel('zh', 'settings.scoring.weights.peer')).toBe('“同级部门评”的权重');
    expect(settingLabel('zh', 'settings.scoring.grading.bands.1.minScore')).toBe('第 2 个等次的分数线');
    expect(settingLabel('zh', 'settings.scoring.somethingNew')).toBe('计分规则中的一项设置');
    expect(settingLabel('en', 'settings.scoring.somethingNew')).toBe('the setting settings.scoring.somethingNew');
  });

  it('shows weight bounds as percentages, as they are entered', () => {
    const problem = { code: 'setting_too_big', params: { path: 'settings.scoring.weights.peer', maximum: 1 } };
    expect(problemText('zh', 'opening', problem)).toBe('计分规则：“同级部门评”的权重不能大于 100%。');
  });
});
