import type { RaterType } from '../../scoring/rater-type.ts';
import { csvDocument } from '../../formats/csv.ts';
import type { IssuedBatch } from './code-batches.service.ts';

// Issued codes as the office's spreadsheet: one row per code, with what a slip may say and nothing more.

/** What a CSV row says about the unit a code is bound to, in the header's words. */
const UNIT_COLUMNS: Record<RaterType, [string, string] | null> = {
  superior: null,
  peer: ['评议单位编码 Rater unit code', '评议单位 Rater unit'],
  recipient: ['被评单位编码 Rated unit code', '被评单位 Rated unit'],
};

/**
 * Codes as CSV for mail merge and printing (UTF-8 with BOM so Excel shows Chinese correctly), one row per
 * code; peer and recipient rows name the unit the code is bound to.
 */
export function codesCsv(batches: readonly IssuedBatch[], campaignName: string): string {
  const unitColumns = batches[0] ? UNIT_COLUMNS[batches[0].raterType] : null;
  const rows: Array<Array<string | number>> = [
    ['序号 No.', '评议码 Code', ...(unitColumns ?? []), '评议活动 Campaign', '批次 Batch'],
  ];
  for (const batch of batches) {
    for (const code of batch.codes) {
      const unit = unitColumns ? [batch.unit?.code ?? '', batch.unit?.name ?? ''] : [];
      rows.push([rows.length, code, ...unit, campaignName, batch.label]);
    }
  }
  return csvDocument(rows);
}
