// The official parts of a notice (通报) that are not figures: who issues it (发文机关), its document number
// (发文字号), title, addressee (主送机关), signature (署名) and date (成文日期). The office gives them with the
// publish request; what it leaves out comes from suggestedNotice. Checked here, whole, with one stable
// code per problem, and then frozen into the published document (publication-document.ts), so the hash
// covers them and a version never changes its 文号.
import { z } from '@hono/zod-openapi';
import { AppError } from '../errors.ts';

export interface PublicationNotice {
  /** 发文机关, printed in red as the head (红头), e.g. 青溪市作风评议办公室. */
  readonly issuer: string;
  /** 发文字号 such as 青评议〔2026〕3号, or null for a notice without one. */
  readonly documentNumber: string | null;
  readonly title: string;
  /** 主送机关 without its colon, or null. */
  readonly addressee: string | null;
  /** 署名 above the date. */
  readonly signature: string;
  /** 成文日期, YYYY-MM-DD. */
  readonly date: string;
}

/** What the publish request may say about the notice; every field may be left out. */
export const NoticeRequestSchema = z
  .object({
    issuer: z.string().max(500).optional(),
    documentNumber: z.string().max(500).nullable().optional(),
    title: z.string().max(500).optional(),
    addressee: z.string().max(500).nullable().optional(),
    signature: z.string().max(500).optional(),
    date: z.string().max(500).optional().openapi({ example: '2026-12-01' }),
  })
  .strict()
  .openapi('NoticeRequest', {
    description:
      'The notice fields: issuing office (发文机关), document number (发文字号, e.g. 青评议〔2026〕3号; [ ] and ( ) are read as 〔 〕), title, addressee (主送机关), signature (署名) and date (成文日期, YYYY-MM-DD). Each one left out is taken from GET /campaigns/{id}/notice.',
  });

export type NoticeRequest = z.infer<typeof NoticeRequestSchema>;

export const NoticeSchema = z
  .object({
    issuer: z.string(),
    documentNumber: z.string().nullable(),
    title: z.string(),
    addressee: z.string().nullable(),
    signature: z.string(),
    date: z.string(),
  })
  .openapi('Notice');

/** The one time zone of every notice date: the offices are in China. */
export const NOTICE_TIME_ZONE = 'Asia/Shanghai';

/** The calendar day of an instant in China, YYYY-MM-DD. */
export function noticeDay(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: NOTICE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** 2026-12-01 → 2026年12月1日 (GB/T 9704-2012 7.3.5.1: full year, no leading zeros). */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

/** 2026-12-01 → 1 December 2026. */
export function englishDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, date!)).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** One reason a notice field cannot be published; `path` starts at the request body. */
export interface NoticeProblem {
  readonly path: readonly ['notice', keyof PublicationNotice];
  readonly code:
    'required' | 'too_long' | 'line_break' | 'document_number_format' | 'date_format' | 'date_out_of_range';
  readonly message: string;
  readonly maximum?: number;
}

const LIMITS = { issuer: 40, documentNumber: 30, title: 120, addressee: 120, signature: 40 } as const;

// 机关代字〔年份〕序号号: the year in hexagonal brackets, the number without leading zeros (GB/T 9704 7.2.4).
const DOCUMENT_NUMBER = /^([^\s〔〕]{1,20})〔(\d{4})〕([1-9]\d{0,4})号$/;

/** Reads 青评议[2026]03号, （2026） or 【2026】 as 青评议〔2026〕3号: those brackets are what a keyboard types. */
export function normaliseDocumentNumber(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[[(（【［]\s*(\d{4})\s*[\])）】］]/, '〔$1〕')
    .replace(/〕0+(\d)/, '〕$1');
}

/** The number after this one in the same series and year: 青评议〔2026〕3号 → 青评议〔2026〕4号; a new year starts at 1. */
export function nextDocumentNumber(previous: string, year: string): string | null {
  const match = DOCUMENT_NUMBER.exec(previous);
  if (!match) return null;
  const [, prefix, previousYear, number] = match;
  return `${prefix}〔${year}〕${previousYear === year ? Number(number) + 1 : 1}号`;
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** How far ahead a notice may be dated: one signed today for next week's meeting, not a typo's 2062. */
const MAX_DAYS_AHEAD = 31;

export interface NoticeBounds {
  /** The day the campaign closed (results exist from then), or null. */
  readonly closedDay: string | null;
  readonly today: string;
}

/**
 * The notice that will be published: the request's fields over the suggestion, trimmed and normalised,
 * every problem listed at once (422 invalid_notice) so the form can show each beside its field.
 */
export function resolveNotice(
  request: NoticeRequest | undefined,
  suggested: PublicationNotice,
  bounds: NoticeBounds,
): PublicationNotice {
  const given = { ...suggested, ...dropUndefined(request ?? {}) };
  const problems: NoticeProblem[] = [];
  const text = (field: keyof typeof LIMITS, value: string | null, optional: boolean): string | null => {
    const trimmed = (value ?? '').trim();
    const path = ['notice', field] as const;
    if (trimmed === '') {
      if (!optional) problems.push({ path, code: 'required', message: `${field} is required` });
      return null;
    }
    if (/[\r\n]/.test(trimmed)) problems.push({ path, code: 'line_break', message: `${field} must be one line` });
    if ([...trimmed].length > LIMITS[field])
      problems.push({
        path,
        code: 'too_long',
        message: `${field} is longer than ${LIMITS[field]} characters`,
        maximum: LIMITS[field],
      });
    return trimmed;
  };
  const issuer = text('issuer', given.issuer, false);
  const title = text('title', given.title, false);
  const addressee = text('addressee', given.addressee, true);
  const signature = text('signature', given.signature, false);
  let documentNumber = text('documentNumber', given.documentNumber, true);
  if (documentNumber !== null) {
    documentNumber = normaliseDocumentNumber(documentNumber);
    if (!DOCUMENT_NUMBER.test(documentNumber))
      problems.push({
        path: ['notice', 'documentNumber'],
        code: 'document_number_format',
        message: 'documentNumber must read like 青评议〔2026〕3号: an office code, the year in 〔 〕, a number, 号',
      });
  }
  const date = given.date.trim();
  if (!isCalendarDay(date)) {
    problems.push({
      path: ['notice', 'date'],
      code: 'date_format',
      message: 'date must be a calendar day, YYYY-MM-DD',
    });
  } else {
    const latest = addDays(bounds.today, MAX_DAYS_AHEAD);
    if ((bounds.closedDay !== null && date < bounds.closedDay) || date > latest)
      problems.push({
        path: ['notice', 'date'],
        code: 'date_out_of_range',
        message: `date must be between the day the campaign closed${bounds.closedDay ? ` (${bounds.closedDay})` : ''} and ${latest}`,
      });
  }
  if (problems.length > 0) {
    const listed = problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; ');
    throw new AppError(422, 'invalid_notice', `Nothing was published: ${listed}.`, { problems });
  }
  return { issuer: issuer!, documentNumber, title: title!, addressee, signature: signature!, date };
}

function dropUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as never;
}

export interface NoticeHistory {
  /** The notice of this campaign's latest version, if it has one. */
  readonly ownLatest: PublicationNotice | null;
  /** The notice of the latest publication of any other campaign, if any. */
  readonly otherLatest: PublicationNotice | null;
  /** The name of the top of the unit tree (a city or county), when there is exactly one. */
  readonly rootUnitName: string | null;
}

/**
 * What the next publication carries unless the office says otherwise. Publishing a campaign again keeps
 * its notice (a version that changes nothing is the same document, with the same hash); a first
 * publication takes the office, addressee and 文号 series of the last notice and the next number; with
 * no notice anywhere yet, the office is named after the top of the unit tree and the 文号 is left out
 * (the form asks for one: a number Pingyi invented would be filed as if the office had issued it).
 */
export function suggestedNotice(campaignName: string, history: NoticeHistory, today: string): PublicationNotice {
  if (history.ownLatest) return history.ownLatest;
  const title = `关于${campaignName}结果的通报`;
  const previous = history.otherLatest;
  if (previous)
    return {
      issuer: previous.issuer,
      documentNumber: previous.documentNumber && nextDocumentNumber(previous.documentNumber, today.slice(0, 4)),
      title,
      addressee: previous.addressee,
      signature: previous.signature,
      date: today,
    };
  const issuer = `${history.rootUnitName ?? ''}作风评议办公室`;
  return { issuer, documentNumber: null, title, addressee: '各参评单位', signature: issuer, date: today };
}
