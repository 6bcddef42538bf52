// The office's weekly summary as an Excel workbook, a clean 台账-style sheet per part: 汇总 (each unit's
// status and figures, with a total row), 各单位报告 (the submitted texts), 逾期问题 (overdue today).
import { addTable, newWorkbook, workbookBytes, type SheetValue } from '../sheets/xlsx-write.ts';
import { STATUS_ZH, type ExportUnit, type WeeklyExport } from './weekly-export.ts';

const FIGURES = [
  ['created', '新增问题'],
  ['submitted', '提交审核'],
  ['filed', '审核备案'],
  ['claimed', '申请销号'],
  ['closed', '销号'],
  ['closedOnTime', '按期销号'],
  ['reopened', '重新打开'],
  ['explained', '解释说明'],
  ['overdue', '逾期'],
  ['inboxReceived', '收到问题反映'],
  ['inboxAnswered', '答复问题反映'],
] as const;

export async function weeklyWorkbook(data: WeeklyExport): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = newWorkbook(new Date(data.generatedAt));
  addTable(workbook, '汇总', summaryRows(data), [8, 28, 16, 20, ...FIGURES.map(() => 10)]);
  addTable(workbook, '各单位报告', reportRows(data), [8, 28, 16, 20, 60, 60, 40]);
  addTable(workbook, '逾期问题', overdueRows(data), [8, 28, 48, 12, 14, 12, 12]);
  return workbookBytes(workbook);
}

const chinaTime = (iso: string | null) =>
  iso === null ? null : new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function figuresOf(unit: Pick<ExportUnit, 'figures'>): SheetValue[] {
  return FIGURES.map(([key]) => (unit.figures ? unit.figures[key] : null));
}

function summaryRows(data: WeeklyExport): SheetValue[][] {
  const rows: SheetValue[][] = [['序号', '单位', '报送情况', '报送时间', ...FIGURES.map(([, label]) => label)]];
  data.units.forEach((unit, index) =>
    rows.push([
      index + 1,
      unit.name,
      STATUS_ZH[unit.status] + (unit.onBehalf ? '（评议办代报）' : ''),
      chinaTime(unit.submittedAt),
      ...figuresOf(unit),
    ]),
  );
  rows.push([
    null,
    '合计',
    `已报${data.counts.on_time + data.counts.late}/${data.counts.units}`,
    null,
    ...figuresOf({ figures: data.totals }),
  ]);
  rows.push(
    [],
    [null, `周次：${data.week}至${data.lastDay}；截止时间：${chinaTime(data.due.at)}；逾期问题统计至${data.today}`],
  );
  return rows;
}

function reportRows(data: WeeklyExport): SheetValue[][] {
  const rows: SheetValue[][] = [['序号', '单位', '报送情况', '报送时间', '本周进展', '下周计划', '存在困难']];
  data.units.forEach((unit, index) =>
    rows.push([
      index + 1,
      unit.name,
      STATUS_ZH[unit.status],
      chinaTime(unit.submittedAt),
      unit.progress,
      unit.plan,
      unit.difficulties,
    ]),
  );
  return rows;
}

function overdueRows(data: WeeklyExport): SheetValue[][] {
  const rows: SheetValue[][] = [['序号', '责任单位', '问题', '责任人', '时限', '逾期工作日', '问题编号']];
  data.overdue.forEach((item, index) =>
    rows.push([
      index + 1,
      item.unitName,
      item.title,
      item.owner,
      item.deadline,
      item.workingDaysOverdue,
      item.problemId,
    ]),
  );
  return rows;
}
