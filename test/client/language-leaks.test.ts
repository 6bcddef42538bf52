import { describe, expect, it } from 'vitest';
import { cjkLeaks, latinLeaks, officeStrings } from '../support/language-leaks.ts';

// The rules of the language scan (test/e2e/language-scan.e2e.test.ts): what counts as a word of the other
// language, and what may show in either.

const visible = (text: string, attributes: string[] = []) => ({ text, attributes });

describe('words of the other language', () => {
  it('finds Latin words of two letters or more in Chinese text, and their attributes', () => {
    expect(latinLeaks(visible('请先登录 Not found', ['Close']), { data: [] })).toEqual(['Close', 'Not', 'found']);
    expect(latinLeaks(visible('样例单位A 共 12 个'), { data: [] })).toEqual([]);
  });

  it('lets the language switch, codes, file names, settings and addresses through', () => {
    const text =
      'English 评议码 SJPY-AA22 口令 X5HT-KPJY-5X5U-BN83 文件 bad-units.csv 另存为 .xlsx ' +
      '请设置 SMS_PROVIDER（见 docs/deploy.md）本机 localhost 地址 https://pingyi.example.gov.cn/code ' +
      '摘要 SHA-256 3f2a9c0d1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5';
    expect(latinLeaks(visible(text), { data: [] })).toEqual([]);
  });

  it('lets what the office typed through, longest first', () => {
    const data = ['Qingxi City', 'D26', 'Qingxi'];
    expect(latinLeaks(visible('青溪市 Qingxi City D26 Totals'), { data })).toEqual(['Totals']);
  });

  it('finds Chinese characters and full-width punctuation in English text', () => {
    expect(cjkLeaks(visible('Sign in：加载中'), { data: [] })).toEqual(['：加载中']);
    expect(cjkLeaks(visible('Unit 市财政局 scored'), { data: ['市财政局'] })).toEqual([]);
    expect(cjkLeaks(visible('中文'), { data: [] })).toEqual([]);
  });
});

describe('what the office typed', () => {
  it('takes names, titles and texts in every locale, not enum values', () => {
    const answer = {
      units: [{ id: 1, code: 'D01', name: '市委办公室', nameEn: 'Party Office', level: 'department' }],
      status: 'open',
      definition: { title: { default: '上级领导评议', en: 'Superiors' }, pages: [{ elements: [{ type: 'rating' }] }] },
      comments: ['窗口人员耐心'],
    };
    expect(officeStrings(answer).sort()).toEqual(
      ['D01', 'Party Office', 'Superiors', '上级领导评议', '市委办公室', '窗口人员耐心'].sort(),
    );
  });
});
