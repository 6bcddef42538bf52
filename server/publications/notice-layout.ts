// The GB/T 9704-2012 layout (党政机关公文格式) in Word's units, for the documents the office files
// (publication-docx.ts, the weekly summary): A4, the text block of 156 × 225 mm at 37 / 35 / 28 / 26 mm
// from the edges, 22 lines of 28 characters of 3号仿宋 (16 pt), the red head, the fonts with their
// fallbacks, the page numbers "— 1 —" on the outside, table cells, and the document around it all.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  type Table,
  TableCell,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

/** Millimetres to twips (1/20 pt), rounded. */
export const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);

export const PAGE = { width: mm(210), height: mm(297) };
export const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
export const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const TEXT_HEIGHT = PAGE.height - MARGINS.top - MARGINS.bottom;

/** Font sizes in points: 初号 42, 小初 36, 一号 26, 二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5. */
export const SIZE = { title: 22, body: 16, pageNumber: 14, table: 10.5 } as const;
export const halfPoints = (points: number) => Math.round(points * 2);

/** 22 lines a page: the grid pitch, in twips. */
export const LINE = Math.floor(TEXT_HEIGHT / 22);
/** 28 characters a line: one character's pitch, in twips. */
export const CHAR = TEXT_WIDTH / 28;
/**
 * What each 16 pt character gives up (twips) so that 28 fit a line. Set on the text rather than through
 * the document grid's character pitch, which LibreOffice reads differently from Word and WPS.
 */
export const LETTER_SPACING = Math.floor(CHAR - SIZE.body * 20);

export const RED = 'FF0000';

/**
 * The fonts by their Chinese names, as WPS and Word on a government PC have them; each is listed in the
 * font table with the font Word substitutes when it is missing (小标宋 → 宋体, 仿宋_GB2312 → 仿宋 …).
 */
export const FONT = {
  head: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  song: '宋体',
  latin: 'Times New Roman',
} as const;

const FALLBACK: Record<string, { altName: string; family: string; pitch: string }> = {
  [FONT.head]: { altName: '宋体', family: 'script', pitch: 'variable' },
  [FONT.body]: { altName: '仿宋', family: 'modern', pitch: 'fixed' },
  仿宋: { altName: 'FangSong', family: 'modern', pitch: 'fixed' },
  [FONT.heading]: { altName: 'SimHei', family: 'modern', pitch: 'fixed' },
  [FONT.subheading]: { altName: '楷体', family: 'modern', pitch: 'fixed' },
  楷体: { altName: 'KaiTi', family: 'modern', pitch: 'fixed' },
  [FONT.song]: { altName: 'SimSun', family: 'auto', pitch: 'variable' },
};

/** word/fontTable.xml naming each font's substitute (the docx package writes an empty table). */
export function fontTableXml(): string {
  const fonts = Object.entries(FALLBACK)
    .map(
      ([name, { altName, family, pitch }]) =>
        `<w:font w:name="${name}"><w:altName w:val="${altName}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
    )
    .join('');
  const latin = `<w:font w:name="${FONT.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}${latin}</w:fonts>`;
}

/** A run's fonts: the Chinese face for Chinese, Times New Roman for Latin letters and digits. */
export const fonts = (eastAsia: string, latin: string = FONT.latin) => ({ eastAsia, ascii: latin, hAnsi: latin });

/** Exactly one grid line, so every body line sits on the 22-line grid. */
export const BODY_SPACING = { line: LINE, lineRule: LineRuleType.EXACT } as const;

/** The 红头: the issuing office in red 小标宋, centred, as large as fits one line (at most 初号). */
export function redHead(issuer: string, withRule: boolean): Paragraph {
  const length = Math.max(textWidth(issuer), 1);
  const points = Math.min(42, Math.floor(TEXT_WIDTH / 20 / length) - 1);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // 7.2.3: the head's top edge 35 mm below the top of the text block.
    // Exact line spacing keeps a paragraph off the line grid, which would round it up to whole lines.
    spacing: { before: mm(35) - LINE, after: 0, line: Math.round(points * 20 * 1.25), lineRule: LineRuleType.EXACT },
    border: withRule ? separator() : undefined,
    children: [
      new TextRun({
        text: issuer,
        font: fonts(FONT.head, FONT.head),
        size: halfPoints(points),
        color: RED,
        characterSpacing: 0,
      }),
    ],
  });
}

/** 7.2.5: the red rule as wide as the text block, 4 mm below the 发文字号. */
function separator() {
  return { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: Math.round((4 / 25.4) * 72) } };
}

/** 7.2.4: the 发文字号 two lines below the head, centred, with the red rule under it. */
export function documentNumberLine(documentNumber: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...BODY_SPACING, before: 2 * LINE },
    border: separator(),
    children: [new TextRun({ text: documentNumber, font: fonts(FONT.body) })],
  });
}

/** 7.3.1: the title two lines below the rule, 2号小标宋, centred. */
export function titleLine(title: string, after: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 2 * LINE, after, line: Math.round(SIZE.title * 20 * 1.5), lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({
        text: title,
        font: fonts(FONT.head, FONT.head),
        size: halfPoints(SIZE.title),
        characterSpacing: 0,
      }),
    ],
  });
}

/** A body paragraph: 3号仿宋, the first line indented two characters. */
export function bodyParagraph(
  children: ParagraphChild[],
  options: { indent?: boolean; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    spacing: BODY_SPACING,
    keepNext: options.keepNext,
    indent: options.indent === false ? undefined : { firstLine: Math.round(2 * CHAR) },
    alignment: AlignmentType.JUSTIFIED,
    children,
  });
}

/** 7.3.3 headings: 一、 in 黑体, （一） in 楷体, both indented two characters like the text. */
export function heading(text: string, level: 1 | 2): Paragraph {
  return bodyParagraph([new TextRun({ text, font: fonts(level === 1 ? FONT.heading : FONT.subheading) })], {
    keepNext: true,
  });
}

/** Characters of width in the 3号 grid: digits and Latin letters are half a character. */
export function textWidth(text: string): number {
  return [...text].reduce((sum, char) => sum + (/[\x20-\x7e]/.test(char) ? 0.5 : 1), 0);
}

/**
 * 7.3.5.2, a notice without a seal: the signature two characters from the right, the date on the line
 * below starting two characters to the right of the signature; a date longer than that keeps two
 * characters from the right and the signature moves left. Returns the right indents, in characters.
 */
export function signatureIndents(signature: string, date: string): { signature: number; date: number } {
  const sig = textWidth(signature);
  const day = textWidth(date);
  if (day + 2 <= sig) return { signature: 2, date: sig - day };
  return { signature: day + 4 - sig, date: 2 };
}

export function rightAligned(text: string, rightChars: number, before = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { ...BODY_SPACING, before },
    indent: { right: Math.round(rightChars * CHAR) },
    children: [new TextRun({ text, font: fonts(FONT.body) })],
  });
}

/**
 * 7.5: page numbers in 4号 宋体 with a dash either side, 7 mm below the text block, one character in from
 * the outside edge: right on odd pages, left on even ones.
 */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  const footer = (side: 'odd' | 'even') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: side === 'odd' ? { right: Math.round(CHAR) } : { left: Math.round(CHAR) },
          spacing: { line: 320, lineRule: LineRuleType.EXACT },
          children: [
            new TextRun({
              children: ['— ', PageNumber.CURRENT, ' —'],
              font: fonts(FONT.song, FONT.song),
              size: halfPoints(SIZE.pageNumber),
            }),
          ],
        }),
      ],
    });
  return { default: footer('odd'), even: footer('even') };
}

/** Where Word puts the footer: its text's top 7 mm below the text block (a 4号 line is about 5 mm). */
export const FOOTER_DISTANCE = MARGINS.bottom - mm(7) - mm(5);

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
/** A table's thin black rules, outside and in. */
export const TABLE_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

/** A table cell of 五号 text (黑体 in a header), one paragraph per line, centred unless `left`. */
export function tableCell(
  lines: string | readonly string[],
  width: number,
  options: { header?: boolean; left?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: (typeof lines === 'string' ? [lines] : lines).map(
      (line) =>
        new Paragraph({
          alignment: options.left ? AlignmentType.LEFT : AlignmentType.CENTER,
          // Exact spacing: off the 22-line grid, which would make every table line 10 mm tall.
          spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [
            new TextRun({
              text: line,
              font: fonts(options.header ? FONT.heading : FONT.body),
              size: halfPoints(SIZE.table),
              characterSpacing: 0,
            }),
          ],
        }),
    ),
  });
}

type DocumentOptions = ConstructorParameters<typeof Document>[0];

/**
 * The whole document as .docx bytes: the body in the layout above (the default 3号仿宋 run with its letter
 * spacing, exact 22-line spacing, A4 margins, page numbers on odd and even pages) and the font table
 * with its fallbacks.
 */
export async function noticeDocx(
  meta: Pick<DocumentOptions, 'creator' | 'title' | 'description' | 'customProperties' | 'footnotes'>,
  children: readonly (Paragraph | Table)[],
): Promise<Uint8Array<ArrayBuffer>> {
  const document = new Document({
    ...meta,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fonts(FONT.body), size: halfPoints(SIZE.body), characterSpacing: LETTER_SPACING },
          paragraph: { spacing: BODY_SPACING },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGINS, header: mm(15), footer: FOOTER_DISTANCE } },
          // No grid to snap to: exact line spacing alone sets 22 lines a page, and tables keep their own.
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE },
        },
        footers: pageNumberFooters(),
        children: [...children],
      },
    ],
  });
  const bytes = await Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  return Uint8Array.from(bytes);
}
