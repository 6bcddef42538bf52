// The unvisited list as an Excel workbook (未走访名单): one sheet with Chinese headers, a row per target,
// and a note of the period under it.
import { addTable, newWorkbook, workbookBytes, type SheetValue } from '../sheets/xlsx-write.ts';
import type { EnterpriseSize, VillageKind } from '../db/schema-visits.ts';
import type { UnvisitedList } from './unvisited.ts';

const SIZE_ZH: Record<EnterpriseSize, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
const KIND_ZH: Record<VillageKind, string> = { village: '村', community: '社区' };

export const ENTERPRISE_HEADERS = [
  '序号',
  '县（市、区）',
  '乡镇（街道）',
  '村（社区）',
  '企业名称',
  '统一社会信用代码',
  '规模',
  '行业',
  '地址',
] as const;
export const VILLAGE_HEADERS = ['序号', '县（市、区）', '乡镇（街道）', '村（社区）名称', '类型', '户数'] as const;

const title = (list: Pick<UnvisitedList, 'kind'>) => (list.kind === 'enterprise' ? '未走访企业' : '未走访村（社区）');

function periodText(list: Pick<UnvisitedList, 'from' | 'to'>): string {
  if (list.from === null && list.to === null) return '全部时间';
  return `${list.from ?? '最早'}至${list.to ?? '今'}`;
}

export async function unvisitedWorkbook(list: UnvisitedList, now: Date): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = newWorkbook(now);
  const rows: SheetValue[][] = [];
  if (list.kind === 'enterprise') {
    rows.push([...ENTERPRISE_HEADERS]);
    list.rows.forEach((row, index) =>
      rows.push([
        index + 1,
        row.county?.name ?? null,
        row.township.name,
        row.village?.name ?? null,
        row.name,
        row.creditCode,
        row.size === null ? null : SIZE_ZH[row.size],
        row.industry,
        row.address,
      ]),
    );
  } else {
    rows.push([...VILLAGE_HEADERS]);
    list.rows.forEach((row, index) =>
      rows.push([
        index + 1,
        row.county?.name ?? null,
        row.township.name,
        row.name,
        row.villageKind === null ? null : KIND_ZH[row.villageKind],
        row.households,
      ]),
    );
  }
  rows.push(
    [],
    [
      null,
      `走访期间：${periodText(list)}；范围：${list.township?.name ?? '全部乡镇（街道）'}；共${list.rows.length}个`,
    ],
  );
  const widths = list.kind === 'enterprise' ? [8, 16, 18, 18, 36, 22, 8, 16, 40] : [8, 16, 18, 24, 8, 10];
  addTable(workbook, title(list), rows, widths);
  return workbookBytes(workbook);
}

/** Content-Disposition with an ASCII name and the Chinese one (RFC 6266 / RFC 5987 filename*). */
export function unvisitedAttachment(list: UnvisitedList): string {
  const period = list.from === null && list.to === null ? 'all' : `${list.from ?? 'start'}_${list.to ?? 'now'}`;
  const ascii = `unvisited-${list.kind === 'enterprise' ? 'enterprises' : 'villages'}${list.township ? `-${list.township.id}` : ''}-${period}.xlsx`;
  const chinese = `${title(list)}名单${list.township ? `-${list.township.name}` : ''}-${periodText(list)}.xlsx`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}
