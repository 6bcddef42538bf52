/**
 * The light shell of a QR page (/r/{campaign}/{unit}): the client's index.html with the campaign's and the
 * unit's names and a CSS skeleton of the form already in it, so a phone on a slow network shows what it
 * is rating as soon as the HTML arrives, long before the scripts and the form library do. The client reads
 * the same names from the data block (client/src/respond/respond-shell.ts) and draws the same skeleton
 * (client/src/respond/FormSkeleton.tsx) until the form is there.
 */
import { SHELL_DATA_ID, type RespondentShellNames } from '../../formats/respondent-shell.ts';

/** What the page will need next: module scripts and style sheets to fetch while the HTML is parsed. */
export interface ShellAssets {
  scripts: readonly string[];
  styles: readonly string[];
  /** The entry's own style sheet, put inline so that no request stands between the HTML and its first paint. */
  inlineCss: { href: string; css: string } | null;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** JSON that stays data inside a <script> element whatever the names hold (no `</script>`, no `<!--`). */
function jsonInScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

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

function headTags(assets: ShellAssets): string {
  const scripts = assets.scripts.map((href) => `<link rel="modulepreload" crossorigin href="${escapeHtml(href)}">`);
  const styles = assets.styles.map((href) => `<link rel="preload" as="style" crossorigin href="${escapeHtml(href)}">`);
  return [...scripts, ...styles].join('');
}

/**
 * index.html for a QR link: names, skeleton and preloads written in, the entry's style sheet inline. With
 * no names (an unknown or draft campaign) only the preloads: the page then explains the link itself.
 */
export function respondentShellHtml(indexHtml: string, names: RespondentShellNames | null, assets: ShellAssets) {
  let html = indexHtml.replace('</head>', `${headTags(assets)}</head>`);
  const inline = assets.inlineCss;
  if (inline && !inline.css.includes('</style')) {
    const link = new RegExp(
      `<link rel="stylesheet"[^>]*href="${inline.href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`,
    );
    // The link stays, disabled (never fetched): the client's lazy chunks look for it before loading the
    // same sheet again (Vite's preload helper checks the document's stylesheet links).
    html = html.replace(
      link,
      () =>
        `<style>${inline.css}</style><link rel="stylesheet" crossorigin href="${escapeHtml(inline.href)}" disabled>`,
    );
  }
  if (!names) return html;
  const title = names.unit ? `${names.unit.name} · ${names.campaign.name}` : names.campaign.name;
  return html
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`)
    .replace(
      '<div id="root"></div>',
      () =>
        `<div id="root">${shellMarkup(names)}</div>` +
        `<script type="application/json" id="${SHELL_DATA_ID}">${jsonInScript(names)}</script>`,
    );
}
