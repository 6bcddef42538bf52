import QRCode from 'qrcode';

export interface PosterUnit {
  code: string;
  name: string;
  nameEn: string;
}

export function openRatingUrl(baseUrl: string, campaignSlug: string, unitCode: string): string {
  return `${baseUrl}/r/${encodeURIComponent(campaignSlug)}/${encodeURIComponent(unitCode)}`;
}

/** A QR code as SVG: sharp at any print size, no image library needed. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Printable A4 posters for service windows, one page per unit, Chinese first. */
export async function postersHtml(
  campaign: { name: string; slug: string },
  units: PosterUnit[],
  baseUrl: string,
): Promise<string> {
  const pages = await Promise.all(
    units.map(async (unit) => {
      const url = openRatingUrl(baseUrl, campaign.slug, unit.code);
      return `<section class="poster">
  <div class="campaign">${escapeHtml(campaign.name)}</div>
  <h1>请您为我们的服务评价</h1>
  <div class="unit">${escapeHtml(unit.name)}</div>
  <div class="qr">${await qrSvg(url)}</div>
  <p class="how">微信或手机相机扫一扫 · 匿名评价 · 约需一分钟</p>
  <p class="url">${escapeHtml(url)}</p>
  <p class="en">Scan to rate ${unit.nameEn.trim() ? escapeHtml(unit.nameEn) : 'this service'} — anonymous, about one minute.</p>
</section>`;
    }),
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(campaign.name)} · 评价二维码</title>
<style>
  @page { size: A4; margin: 0; }
  body { margin: 0; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f1f1f; }
  .poster { width: 210mm; height: 297mm; box-sizing: border-box; padding: 22mm 18mm; text-align: center; page-break-after: always; border-top: 14mm solid #b71c1c; }
  .campaign { font-size: 15pt; color: #6b6b6b; }
  h1 { font-size: 34pt; color: #b71c1c; margin: 10mm 0 6mm; }
  .unit { font-size: 26pt; font-weight: 700; }
  .qr { width: 120mm; margin: 12mm auto 6mm; }
  .qr svg { width: 100%; height: auto; }
  .how { font-size: 16pt; }
  .url { font-size: 10pt; color: #6b6b6b; word-break: break-all; }
  .en { font-size: 11pt; color: #6b6b6b; }
  @media screen { body { background: #eee; } .poster { background: #fff; margin: 8mm auto; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
</style></head><body>
${pages.join('\n')}
</body></html>`;
}
