// A published version as a Word document the office can file as it is: the notice (通报) in the
// GB/T 9704-2012 layout (notice-layout.ts) — red head, 文号, title, addressee, the method, one table per
// category whose rows never split across pages and whose header repeats on every page, the signature and
// the date. Written from the stored (frozen) content only, like the workbook: a rater group below its
// minimum says so in words and shows no figure, not even its count. Versions published before notices
// existed (no `notice`, no `method`) get the title, the tables and their publication date. From format 3
// an appendix (附件) sets out how each unit's composite was computed, line by line, as the page does.
import {
  AlignmentType,
  FootnoteReferenceRun,
  LineRuleType,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { PublicationDocument } from './publication-document.ts';
import { flagText } from './publication-flags.ts';
import { chineseNumber, RATER_NAMES } from './publication-method.ts';
import { chineseDate, noticeDay } from './publication-notice.ts';
import {
  BODY_SPACING,
  bodyParagraph,
  documentNumberLine,
  FONT,
  fonts,
  halfPoints,
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
} from './notice-layout.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A stored document: format 1 has neither notice nor method. */
export type StoredPublication = Omit<PublicationDocument, 'notice' | 'method'> &
  Partial<Pick<PublicationDocument, 'notice' | 'method'>>;

export interface PublishedDocument {
  readonly version: number;
  readonly publishedAt: string;
  readonly contentHash: string;
  readonly content: StoredPublication;
}

type Unit = PublicationDocument['units'][number];
type Category = PublicationDocument['categories'][number];

const run = (text: string, font: string = FONT.body) => new TextRun({ text, font: fonts(font) });

export async function publicationDocx(published: PublishedDocument): Promise<Uint8Array<ArrayBuffer>> {
  const { content } = published;
  const notice = content.notice ?? null;
  const method = content.method?.zh ?? null;
  const children: (Paragraph | Table)[] = [];
  if (notice) {
    children.push(redHead(notice.issuer, notice.documentNumber === null));
    if (notice.documentNumber) children.push(documentNumberLine(notice.documentNumber));
  }
  children.push(titleLine(notice?.title ?? `关于${content.campaign.name}结果的通报`, LINE));
  if (notice?.addressee) children.push(bodyParagraph([run(`${notice.addressee}：`)], { indent: false }));
  if (method) {
    children.push(bodyParagraph([run(method.intro)]), heading('一、评议方法', 1));
    method.method.forEach((paragraph, index) => {
      const last = index === method.method.length - 1 && method.rankRange;
      children.push(
        bodyParagraph(
          last
            ? [run(`${paragraph}${method.rankRange!.lead}`), new FootnoteReferenceRun(1), run('。')]
            : [run(paragraph)],
        ),
      );
    });
    children.push(heading('二、评议结果', 1));
  }
  const raterTypes = content.settings.raterTypes.map((r) => r.raterType);
  const graded = content.settings.grading !== null;
  let number = 0;
  for (const category of content.categories) {
    const members = membersOf(content, category);
    if (members.length === 0) continue;
    number += 1;
    children.push(heading(`（${chineseNumber(number)}）${category.name}${category.ranked ? '' : '（只评不排）'}`, 2));
    children.push(rankingTable(category, members, raterTypes, graded, content.settings.precision));
    const notes = members.filter((unit) => unit.flags.length > 0);
    if (notes.length > 0)
      children.push(
        bodyParagraph([run(`注：${notes.map((u) => `${u.name}，${u.flags.map(flagText).join('；')}`).join('。')}。`)]),
      );
  }
  const date = chineseDate(notice?.date ?? noticeDay(new Date(published.publishedAt)));
  if (notice) {
    const indents = signatureIndents(notice.signature, date);
    children.push(rightAligned(notice.signature, indents.signature, LINE), rightAligned(date, indents.date));
  } else {
    children.push(rightAligned(date, 2, LINE));
  }
  children.push(...explanationAppendix(content));

  return noticeDocx(
    {
      creator: notice?.issuer ?? 'Pingyi',
      title: notice?.title ?? content.campaign.name,
      description: `第${published.version}版 · 内容校验码（SHA-256）${published.contentHash}`,
      customProperties: [
        { name: 'version', value: String(published.version) },
        { name: 'contentHash', value: published.contentHash },
      ],
      footnotes: method?.rankRange
        ? {
            1: {
              children: [
                new Paragraph({
                  spacing: { line: 300, lineRule: LineRuleType.EXACT },
                  children: [
                    new TextRun({
                      text: method.rankRange.note,
                      font: fonts(FONT.body),
                      size: halfPoints(12),
                      characterSpacing: 0,
                    }),
                  ],
                }),
              ],
            },
          }
        : undefined,
    },
    children,
  );
}

/** 附件: per unit, in the order of the tables, the lines of "how this was computed". */
function explanationAppendix(content: StoredPublication): Paragraph[] {
  const units = content.categories.flatMap((category) => membersOf(content, category));
  if (!units.some((unit) => (unit.explanation?.zh.length ?? 0) > 0)) return [];
  const out: Paragraph[] = [
    new Paragraph({ pageBreakBefore: true, spacing: BODY_SPACING, children: [run('附件', FONT.heading)] }),
    titleLine('各单位综合得分计算过程', LINE),
  ];
  for (const unit of units) {
    out.push(heading(unit.name, 2));
    for (const line of unit.explanation?.zh ?? []) out.push(bodyParagraph([run(line)]));
  }
  return out;
}

function membersOf(content: StoredPublication, category: Category): Unit[] {
  return content.units
    .filter((unit) => unit.categoryKey === category.key)
    .sort(
      (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (b.composite ?? -Infinity) - (a.composite ?? -Infinity),
    );
}

function groupLines(unit: Unit, raterType: RaterType): string[] {
  const group = unit.groups.find((g) => g.raterType === raterType);
  if (!group || group.status === 'missing') return ['—'];
  // Below the minimum: the words only. Not even the count: on paper it would invite guessing who.
  if (group.status === 'suppressed') return [`不足${group.minCount}人`, '不公布'];
  return [group.score === null ? '—' : group.score.toFixed(2), `${group.ballots}人`];
}

function rankingTable(
  category: Category,
  members: readonly Unit[],
  raterTypes: readonly RaterType[],
  graded: boolean,
  precision: number,
): Table {
  const ranked = category.ranked;
  const fixed = {
    rank: ranked ? 640 : 0,
    composite: 1000,
    grade: graded ? 1000 : 0,
    type: 1250,
    range: ranked ? 1100 : 0,
  };
  const unitWidth =
    TEXT_WIDTH - fixed.rank - fixed.composite - fixed.grade - fixed.type * raterTypes.length - fixed.range;
  const columns = (
    values: {
      rank: string[];
      unit: string[];
      composite: string[];
      grade: string[];
      types: string[][];
      range: string[];
    },
    header: boolean,
  ) => [
    ...(ranked ? [tableCell(values.rank, fixed.rank, { header })] : []),
    tableCell(values.unit, unitWidth, { header, left: !header }),
    tableCell(values.composite, fixed.composite, { header }),
    ...(graded ? [tableCell(values.grade, fixed.grade, { header })] : []),
    ...values.types.map((lines) => tableCell(lines, fixed.type, { header })),
    ...(ranked ? [tableCell(values.range, fixed.range, { header })] : []),
  ];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns(
      {
        rank: ['名次'],
        unit: ['单位'],
        composite: ['综合得分'],
        grade: ['等次'],
        types: raterTypes.map((r) => [RATER_NAMES[r].zh]),
        range: ['名次区间'],
      },
      true,
    ),
  });
  const rows = members.map(
    (unit) =>
      new TableRow({
        cantSplit: true,
        children: columns(
          {
            rank: [unit.rank === null ? '—' : String(unit.rank)],
            unit: [unit.name],
            composite: [unit.composite === null ? '—' : unit.composite.toFixed(precision)],
            grade: [unit.grade ?? '—'],
            types: raterTypes.map((r) => groupLines(unit, r)),
            range: [
              unit.rankRange === null
                ? '—'
                : unit.rankRange.best === unit.rankRange.worst
                  ? String(unit.rankRange.best)
                  : `${unit.rankRange.best}—${unit.rankRange.worst}`,
            ],
          },
          false,
        ),
      }),
  );
  const widths = [
    ...(ranked ? [fixed.rank] : []),
    unitWidth,
    fixed.composite,
    ...(graded ? [fixed.grade] : []),
    ...raterTypes.map(() => fixed.type),
    ...(ranked ? [fixed.range] : []),
  ];
  return new Table({
    rows: [header, ...rows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
  });
}
