// The office's weekly summary for the city committee as a Word document, in the layout of the notices
// (GB/T 9704-2012 via notice-layout.ts: A4, red head, 2号小标宋 title, 3号仿宋 text, 黑体/楷体 headings,
// page numbers "— 1 —"): the overall figures, a table per unit, each unit's submitted texts, the list of
// overdue problems, the signature and the date.
import { AlignmentType, type Paragraph, Table, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import {
  bodyParagraph,
  FONT,
  fonts,
  heading,
  LINE,
  noticeDocx,
  TABLE_BORDERS,
  tableCell,
  redHead,
  rightAligned,
  signatureIndents,
  TEXT_WIDTH,
  titleLine,
} from '../publications/notice-layout.ts';
import { chineseNumber } from '../publications/publication-method.ts';
import { chineseDate } from '../publications/publication-notice.ts';
import { dueClock, monthDay } from './report-week.ts';
import { STATUS_ZH, type ExportUnit, type WeeklyExport } from './weekly-export.ts';

const run = (text: string, font: string = FONT.body) => new TextRun({ text, font: fonts(font) });

export function weeklyTitle(data: Pick<WeeklyExport, 'week' | 'lastDay'>): string {
  return `关于${data.week.slice(0, 4)}年${monthDay(data.week)}至${monthDay(data.lastDay)}作风问题整改进展情况的报告`;
}

export function weeklyDocx(data: WeeklyExport): Promise<Uint8Array<ArrayBuffer>> {
  const date = chineseDate(data.today);
  const indents = signatureIndents(data.issuer, date);
  const children: (Paragraph | Table)[] = [
    redHead(data.issuer, true),
    titleLine(weeklyTitle(data), LINE),
    bodyParagraph([
      run(`现将本周（${chineseDate(data.week)}至${monthDay(data.lastDay)}）各单位问题整改进展情况报告如下。`),
    ]),
    heading('一、总体情况', 1),
    bodyParagraph([run(overallText(data))]),
    figuresTable(data),
    heading('二、各单位整改进展', 1),
    ...data.units.flatMap((unit, index) => unitParagraphs(unit, index + 1)),
    heading('三、逾期未完成整改的问题', 1),
    ...(data.overdue.length === 0
      ? [bodyParagraph([run(`截至${chineseDate(data.today)}，没有逾期未完成整改的问题。`)])]
      : [
          bodyParagraph([run(`截至${chineseDate(data.today)}，逾期未完成整改的问题共${data.overdue.length}个：`)]),
          overdueTable(data),
        ]),
    rightAligned(data.issuer, indents.signature, LINE),
    rightAligned(date, indents.date),
  ];
  return noticeDocx(
    { creator: data.issuer, title: weeklyTitle(data), description: `生成于${data.generatedAt}` },
    children,
  );
}

function overallText(data: WeeklyExport): string {
  const { counts, totals } = data;
  const notReported = data.units.filter((u) => u.status === 'missing' || u.status === 'draft').map((u) => u.name);
  const late = data.units.filter((u) => u.status === 'late').map((u) => u.name);
  const time = dueClock(data.due);
  return (
    `本周应报送单位${counts.units}个，按时报送${counts.on_time}个，逾期报送${counts.late}个，` +
    `未报送${counts.draft + counts.missing}个（报送截止时间为${chineseDate(data.due.day)}${time}）。` +
    (notReported.length > 0 ? `未报送的单位：${notReported.join('、')}。` : '') +
    (late.length > 0 ? `逾期报送的单位：${late.join('、')}。` : '') +
    `各单位本周新增问题${totals.created}个，审核备案${totals.filed}个，申请销号${totals.claimed}个，` +
    `销号${totals.closed}个（其中按期销号${totals.closedOnTime}个），重新打开${totals.reopened}个；` +
    `截至${chineseDate(data.today)}，逾期未完成整改的问题${data.overdue.length}个。`
  );
}

function unitParagraphs(unit: ExportUnit, number: number): Paragraph[] {
  const out = [heading(`（${chineseNumber(number)}）${unit.name}`, 2)];
  if (unit.status !== 'on_time' && unit.status !== 'late') {
    out.push(bodyParagraph([run('本周未报送整改进展情况报告。')]));
    return out;
  }
  const part = (label: string, text: string) =>
    (text.trim() === '' ? ['无。'] : text.split(/\r?\n/).filter((line) => line.trim() !== '')).map((line, index) =>
      bodyParagraph(index === 0 ? [run(`${label}：`, FONT.heading), run(line.trim())] : [run(line.trim())]),
    );
  out.push(...part('本周进展', unit.progress), ...part('下周计划', unit.plan), ...part('存在困难', unit.difficulties));
  return out;
}

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  left: number[],
) {
  const scale = TEXT_WIDTH / widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor(w * scale));
  const line = (values: readonly string[], isHeader: boolean) =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: values.map((value, i) =>
        tableCell(value, twips[i]!, { header: isHeader, left: !isHeader && left.includes(i) }),
      ),
    });
  return new Table({
    rows: [line(header, true), ...rows.map((row) => line(row, false))],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
  });
}

function figuresTable(data: WeeklyExport): Table {
  const row = (name: string, status: string, f: ExportUnit['figures']) => [
    name,
    status,
    ...(f
      ? [f.created, f.filed, f.closed, f.closedOnTime, f.overdue, f.reopened].map(String)
      : ['—', '—', '—', '—', '—', '—']),
  ];
  return table(
    ['单位', '报送情况', '新增', '备案', '销号', '按期销号', '逾期', '重新打开'],
    [
      ...data.units.map((u) => row(u.name, STATUS_ZH[u.status], u.figures)),
      row('合计', `${data.counts.on_time + data.counts.late}/${data.counts.units}`, data.totals),
    ],
    [30, 16, 8, 8, 8, 10, 8, 10],
    [0],
  );
}

function overdueTable(data: WeeklyExport): Table {
  return table(
    ['序号', '责任单位', '问题', '责任人', '时限', '逾期工作日'],
    data.overdue.map((item, index) => [
      String(index + 1),
      item.unitName,
      item.title,
      item.owner ?? '—',
      item.deadline,
      String(item.workingDaysOverdue),
    ]),
    [6, 20, 40, 12, 14, 10],
    [1, 2],
  );
}
