import type { WeekDigest } from './ledger.service.ts';
import type { PublicAction, PublicActor } from './ledger-view.ts';

// The Atom feed (RFC 4287) of 整改周周见: one entry per week with public changes, newest first. Chinese,
// as the pages are by default; the entry's content is the week's digest as escaped HTML (type="html").

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
export const FEED_PATH = '/api/public/weekly.atom';

export interface FeedOptions {
  /** PUBLIC_URL without a trailing slash, or '' for links relative to the feed's own address. */
  readonly base: string;
  /** The tag URI's authority (RFC 4151): PUBLIC_URL's host name. */
  readonly authority: string;
  /** The feed's `updated` when it has no entry yet. */
  readonly now: Date;
}

const ACTION_ZH: Record<PublicAction, string> = {
  file: '审核备案',
  start: '开始整改',
  progress: '整改进展',
  evidence: '补充整改材料',
  claim: '申请销号',
  close: '销号',
  reopen: '重新整改',
  explain: '解释说明（不予受理）',
  extend: '延期',
};

const ACTOR_ZH: Record<PublicActor, string> = { unit: '责任单位', office: '评议办', raiser: '反映人', system: '系统' };

// XML 1.0 allows neither these control characters nor unpaired surrogates, even escaped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for XML or HTML, element content or attribute value alike. */
export function escapeMarkup(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function dayWords(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

export function weekTitle(digest: Pick<WeekDigest, 'week' | 'weekEnd'>): string {
  return `整改周周见 · ${dayWords(digest.week)}至${dayWords(digest.weekEnd)}`;
}

export function figuresText(digest: WeekDigest): string {
  const f = digest.figures;
  return (
    `${f.units} 个单位有公开整改动态：新备案 ${f.filed} 项，进展 ${f.progressed} 条，申请销号 ${f.claimed} 项，` +
    `销号 ${f.closed} 项，重新整改 ${f.reopened} 项，解释说明 ${f.explained} 项，延期 ${f.extended} 项。`
  );
}

/** The week's digest as HTML, for the entry's content. */
function digestHtml(digest: WeekDigest, base: string): string {
  const parts = [`<p>${escapeMarkup(figuresText(digest))}</p>`];
  for (const unit of digest.units) {
    parts.push(`<h3>${escapeMarkup(unit.name)}</h3><ul>`);
    for (const entry of unit.entries) {
      let line = `${dayWords(entry.day)} · ${ACTION_ZH[entry.action]}（${ACTOR_ZH[entry.actor]}）：${entry.title}`;
      if (entry.deadline?.to) line += `，时限延至${dayWords(entry.deadline.to)}`;
      if (entry.note) line += `。${entry.note}`;
      const files = entry.evidence
        .map(
          (file, index) =>
            ` <a href="${escapeMarkup(base + file.url)}">${file.kind === 'photo' ? '照片' : 'PDF'}${index + 1}</a>`,
        )
        .join('');
      parts.push(`<li>${escapeMarkup(line)}${files}</li>`);
    }
    parts.push('</ul>');
  }
  parts.push(`<p><a href="${escapeMarkup(`${base}/weekly/${digest.week}`)}">查看本周整改周周见</a></p>`);
  return parts.join('');
}

/** The feed document. `digests` newest first, each with the instant of its latest change. */
export function weeklyFeed(digests: ReadonlyArray<WeekDigest & { updated: string }>, options: FeedOptions): string {
  const { base, authority } = options;
  const id = (path: string) => escapeMarkup(`tag:${authority},2026:pingyi/${path}`);
  const link = (rel: string, type: string, href: string) =>
    `<link rel="${rel}" type="${type}" href="${escapeMarkup(href)}"/>`;
  const updated = digests.reduce((latest, d) => (d.updated > latest ? d.updated : latest), '');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<id>${id('weekly')}</id>`,
    '<title>整改周周见</title>',
    '<subtitle>各单位每周公开的整改进展：新备案、整改进展、销号、重新整改、解释说明和延期。</subtitle>',
    `<updated>${updated || options.now.toISOString()}</updated>`,
    '<author><name>评议办</name></author>',
    link('self', 'application/atom+xml', `${base}${FEED_PATH}`),
    link('alternate', 'text/html', `${base}/weekly`),
    '<generator>Pingyi</generator>',
  ];
  for (const digest of digests) {
    lines.push(
      '<entry>',
      `<id>${id(`weekly/${digest.week}`)}</id>`,
      `<title>${escapeMarkup(weekTitle(digest))}</title>`,
      `<updated>${digest.updated}</updated>`,
      link('alternate', 'text/html', `${base}/weekly/${digest.week}`),
      `<summary>${escapeMarkup(figuresText(digest))}</summary>`,
      `<content type="html">${escapeMarkup(digestHtml(digest, base))}</content>`,
      '</entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
