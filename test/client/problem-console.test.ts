import { describe, expect, it } from 'vitest';
import { formatTime } from '../../client/src/console/ui.tsx';
import { createBody, dayAfter, editBody, EMPTY_VALUES } from '../../client/src/console/problems/problem-form-values.ts';
import {
  ACTION_WORDS,
  changeRows,
  changeValueText,
  DIALOG_ACTIONS,
  eventText,
  fieldText,
  NOTE_REQUIRED,
  overdueText,
  percent,
  SOURCE_ORDER,
  SOURCE_WORDS,
  STATE_ORDER,
  STATE_WORDS,
} from '../../client/src/console/problems/problem-words.ts';
import {
  derive,
  ledgerChart,
  shareChart,
  type StatsRow,
} from '../../client/src/console/problems/rectification-charts.ts';
import { dayList, normaliseDay } from '../../client/src/console/problems/settings-form.ts';
import { chartTable } from '../../client/src/shared/charts/chart-data.ts';
import { PROBLEM_SOURCES, PROBLEM_STATES } from '../../server/db/schema.ts';
import { PROBLEM_ACTIONS, RULES } from '../../server/problems/problem-states.ts';
import { MOVE_ACTIONS } from '../../server/problems/problems.schemas.ts';

// The console's rectification pages (issue 15): their words cover every state, source and action of
// the server's rules, and their figures only split and divide what the stats API counted.

describe('the words of the ledger', () => {
  it('name every state, source and action the server knows, in both languages', () => {
    expect([...STATE_ORDER].sort()).toEqual([...PROBLEM_STATES].sort());
    expect([...SOURCE_ORDER].sort()).toEqual([...PROBLEM_SOURCES].sort());
    for (const state of PROBLEM_STATES) expect(STATE_WORDS[state].every((w) => w.length > 0)).toBe(true);
    for (const source of PROBLEM_SOURCES) expect(SOURCE_WORDS[source].every((w) => w.length > 0)).toBe(true);
    for (const action of PROBLEM_ACTIONS) {
      expect(ACTION_WORDS[action].every((w) => w.length > 0)).toBe(true);
      expect(eventText('zh', action)).not.toBe(action);
    }
    expect(eventText('zh', 'create')).toBe('创建');
    expect(eventText('en', 'something-new')).toBe('something-new');
  });

  it('offer a dialog for exactly the actions the API takes, asking a note where the rules require one', () => {
    expect([...DIALOG_ACTIONS].sort()).toEqual([...MOVE_ACTIONS].sort());
    for (const action of DIALOG_ACTIONS) expect(NOTE_REQUIRED[action]).toBe(RULES[action].note);
  });

  it('says how late a problem is in working days', () => {
    expect(overdueText('zh', true, 3)).toBe('逾期3个工作日');
    expect(overdueText('en', true, 1)).toBe('1 working day overdue');
    expect(overdueText('zh', true, 0)).toBe('已逾期');
    expect(overdueText('zh', false, 4)).toBe('');
  });

  it('reads the changes of an edit, stored as text or parsed', () => {
    const rows = changeRows({ owner: [null, '张三'], type_id: [1, 2], bad: 'x' });
    expect(rows).toEqual([
      ['owner', null, '张三'],
      ['type_id', 1, 2],
    ]);
    expect(changeRows('{"deadline":["2026-10-01","2026-10-13"]}')).toEqual([['deadline', '2026-10-01', '2026-10-13']]);
    expect(changeRows('not json')).toEqual([]);
    expect(changeRows(null)).toEqual([]);
    expect(fieldText('zh', 'owner')).toBe('责任人');
    expect(fieldText('en', 'sourceRef')).toBe('Source reference');
    expect(changeValueText('zh', 'owner', null)).toBe('（空）');
    expect(changeValueText('zh', 'type_id', 2, new Map([[2, '官僚主义']]))).toBe('官僚主义');
    expect(changeValueText('zh', 'source', 'hotline')).toBe('12345热线');
    expect(changeValueText('zh', 'detail', '长'.repeat(80))).toBe(`${'长'.repeat(60)}…`);
  });

  it('rounds shares and has none without a whole', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('the problem form', () => {
  const values = {
    ...EMPTY_VALUES,
    unitId: '7',
    title: ' 窗口办事排长队 ',
    detail: '群众反映……',
    source: 'rating' as const,
    owner: '李四',
    fileAtOnce: true,
  };

  it('leaves empty fields out of a new problem, so the server suggests the deadline', () => {
    const body = createBody(values, false);
    expect(body).toEqual({
      unitId: 7,
      title: '窗口办事排长队',
      detail: '群众反映……',
      source: 'rating',
      owner: '李四',
      visibility: 'public',
    });
    expect(createBody(values, true)).toMatchObject({ initial: 'filed' });
  });

  it('sends every field of an edit, clearing an emptied one', () => {
    expect(editBody({ ...values, leader: '  ' })).toMatchObject({
      leader: null,
      owner: '李四',
      deadline: null,
      typeId: null,
    });
  });

  it('lets an extension start from the day after the deadline', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter(null)).toBeUndefined();
  });
});

describe('the calendar corrections', () => {
  it('reads days one per line or separated, normalised, sorted, each once, and names what is not a day', () => {
    expect(normaliseDay('2027/1/1')).toBe('2027-01-01');
    expect(normaliseDay('2027-02-30')).toBeNull();
    expect(dayList('2027-01-02\n2027-01-01，2027-01-01 、 2027-13-01 x')).toEqual({
      days: ['2027-01-01', '2027-01-02'],
      wrong: ['2027-13-01', 'x'],
    });
  });
});

describe('the rectification dashboards', () => {
  const row = (name: string, over: Partial<StatsRow> = {}): StatsRow => ({
    key: { id: 1, name, nameEn: '' },
    listed: 10,
    filed: 9,
    closed: 4,
    closedOnTime: 3,
    overdue: 2,
    explained: 1,
    ratings: { satisfied: 2, basically_satisfied: 1, unsatisfied: 1 },
    inboxOpen: 0,
    inboxOverdue: 0,
    ...over,
  });

  it('splits the filed problems into parts that add up to them', () => {
    const d = derive(row('市税务局'));
    expect(d).toEqual({ open: 4, openOnTime: 2, rated: 4, onTimePercent: 75, satisfiedPercent: 75 });
    const chart = ledgerChart('zh', [row('市税务局')], 'unit');
    const parts = chart.data.series.map((s) => s.values[0] ?? 0);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('draws no share where there is nothing to divide, and says so in the table', () => {
    const chart = shareChart(
      'zh',
      [
        row('市医保局', {
          closed: 0,
          closedOnTime: 0,
          ratings: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 },
        }),
      ],
      'unit',
    );
    expect(chart.data.series.map((s) => s.values[0])).toEqual([null, null]);
    expect(chartTable(chart.data).rows[0]).toEqual(['市医保局', '无', '无']);
  });

  it('names problems without a type', () => {
    const chart = ledgerChart('zh', [row('', { key: { id: null, name: '', nameEn: '' } })], 'type');
    expect(chart.data.rows).toEqual(['未分类']);
    expect(chart.data.rowHeader).toBe('问题类型');
  });

  it('names units without a category', () => {
    const chart = ledgerChart('en', [row('', { key: { id: null, name: '', nameEn: '' } })], 'unitCategory');
    expect(chart.data.rows).toEqual(['No category']);
    expect(chart.data.rowHeader).toBe('Unit category');
  });
});

describe('console times', () => {
  it('shows an instant in China time whatever the zone of the browser', () => {
    // 17:30 UTC on 1 December is 01:30 on 2 December in Beijing.
    expect(formatTime('2026-12-01T17:30:00.000Z', 'en')).toMatch(/2 Dec 2026.*01:30/);
    expect(formatTime('2026-12-01T17:30:00.000Z', 'zh')).toMatch(/2026年12月2日.*01:30/);
    expect(formatTime(null, 'zh')).toBe('—');
  });
});
