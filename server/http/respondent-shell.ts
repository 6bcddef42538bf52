/**
 * The light shell of a QR page (/r/{campaign}/{unit}): the client's index.html with the campaign's and the
 * unit's names and a CSS skeleton of the form already in it, so a phone on a slow network shows what it
 * is rating as soon as the HTML arrives, long before the scripts and the form library do. The client reads
 * the same names from the data block (client/src/respond/respond-shell.ts) and draws the same skeleton
 * (client/src/respond/FormSkeleton.tsx) until the form is there.
 */
import { SHELL_DATA_ID, type RespondentShellNames } from '../../formats/respondent-shell.ts';
import { escapeHtml, jsonInScript } from './html-text.ts';

/** Question cards of grey bars; the same markup as FormSkeleton.tsx. */
const SKELETON = `<div class="form-skeleton" aria-hidden="true">${'<div class="form-skeleton-card"><div class="form-skeleton-bar form-skeleton-title"></div><div class="form-skeleton-bar"></div></div>'.repeat(3)}</div>`;

/** Holds the language switch's place, so the names do not reflow when the page's own header replaces these. */
const SWITCH_PLACE = '<span class="lang-switch respond-switch-place" aria-hidden="true">English</span>';

function shellMarkup(names: RespondentShellNames): string {
  const unit = names.unit ? `<h1 class="respond-unit">${escapeHtml(names.unit.name)}</h1>` : '';
  return (
    `<main class="respond" aria-busy="true"><header class="respond-header"><div>` +
    `<div class="respond-campaign">${escapeHtml(names.campaign.name)}</div>${unit}</div>${SWITCH_PLACE}</header>${SKELETON}</main>`
  );
}

/**
 * A QR page's HTML (already through clientPageHtml): names and skeleton written in, the entry's style
 * sheet inline, and a share card that names what is rated. With no names (an unknown or draft campaign)
 * only the style sheet: the page then explains the link itself.
 */
export function respondentShellHtml(
  pageHtml: string,
  names: RespondentShellNames | null,
  inlineCss: { href: string; css: string } | null,
) {
  let html = pageHtml;
  if (inlineCss && !inlineCss.css.includes('</style')) {
    const link = new RegExp(
      `<link rel="stylesheet"[^>]*href="${inlineCss.href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`,
    );
    // The link stays, disabled (never fetched): the client's lazy chunks look for it before loading the
    // same sheet again (Vite's preload helper checks the document's stylesheet links).
    html = html.replace(
      link,
      () =>
        `<style>${inlineCss.css}</style><link rel="stylesheet" crossorigin href="${escapeHtml(inlineCss.href)}" disabled>`,
    );
  }
  if (!names) return html;
  const title = names.unit ? `${names.unit.name} · ${names.campaign.name}` : names.campaign.name;
  const description = names.unit
    ? `为「${names.unit.name}」的工作作风和服务评价：匿名，无需登录。`
    : `${names.campaign.name}：匿名评价，无需登录。`;
  return withShareCard(html, title, description).replace(
    '<div id="root"></div>',
    () =>
      // The share icon as the body's first large image, where an older WeChat looks for a card's picture;
      // lazy and hidden, so no phone downloads it for the page.
      `<img src="/share-icon.png" alt="" width="300" height="300" loading="lazy" hidden>` +
      `<div id="root">${shellMarkup(names)}</div>` +
      `<script type="application/json" id="${SHELL_DATA_ID}">${jsonInScript(names)}</script>`,
  );
}

/** The page's title and the share card's title and description (WeChat, QQ and others read these). */
export function withShareCard(html: string, title: string, description: string): string {
  const text = escapeHtml(title);
  const about = escapeHtml(description);
  return html
    .replace(/<title>[^<]*<\/title>/, () => `<title>${text}</title>`)
    .replace(
      /(<meta (?:name|property|itemprop)="(?:og:title|name)" content=")[^"]*"/g,
      (_m, head: string) => `${head}${text}"`,
    )
    .replace(
      /(<meta (?:name|property|itemprop)="(?:description|og:description)" content=")[^"]*"/g,
      (_m, head: string) => `${head}${about}"`,
    );
}
