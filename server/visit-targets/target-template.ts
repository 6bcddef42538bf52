import type { Db } from '../db/database.ts';
import { addTable, newWorkbook, workbookBytes } from '../sheets/xlsx-write.ts';
import { TARGET_SHEETS, type TargetSheetKind } from './target-sheet.ts';

// The visit-target import template: instructions (说明) and the sheets 村社区, 企业 and 住户, each with its
// columns and one example row (备注 示例, skipped on import) naming a real township, so that a filled-in
// copy imports as it is.

export async function targetTemplate(db: Db): Promise<Uint8Array<ArrayBuffer>> {
  const township = await db
    .selectFrom('units')
    .select('name')
    .where('level', '=', 'township')
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('id')
    .executeTakeFirst();
  const town = township?.name ?? '桃源镇';
  const examples: Record<TargetSheetKind, Record<string, string>> = {
    villages: { township: town, name: '示例村', kind: '村', households: '320', code: '', note: '示例（导入时跳过）' },
    enterprises: {
      creditCode: '91350100M000100Y43',
      name: '示例农业发展有限公司',
      township: town,
      village: '示例村',
      address: '示例村一组8号',
      industry: '农业',
      size: '小型',
      note: '示例（导入时跳过）',
    },
    households: {
      township: town,
      village: '示例村',
      label: '张某某',
      address: '示例村一组3号',
      note: '示例（导入时跳过）',
    },
  };
  const workbook = newWorkbook();
  const kinds = Object.keys(TARGET_SHEETS) as TargetSheetKind[];
  addTable(
    workbook,
    '说明',
    [
      ['工作表', '列', '必填', '说明'],
      ...kinds.flatMap((kind) =>
        TARGET_SHEETS[kind].columns.map((c) => [TARGET_SHEETS[kind].title, c.header, c.required ? '是' : '否', c.help]),
      ),
      [],
      ['', '', '', '三个工作表可只填需要的；住户名单可不导入，此时按“村社区”表的户数统计走访覆盖。'],
      ['', '', '', '导入前先“检查文件”：所有错误一次列出（工作表、行、列、内容），有任何错误时不导入任何一行。'],
      ['', '', '', '再次导入时：村社区按“乡镇+名称”更新，企业按统一社会信用代码更新，住户按“村社区+户主”更新。'],
    ],
    [10, 18, 8, 90],
  );
  for (const kind of kinds) {
    const { title, columns } = TARGET_SHEETS[kind];
    addTable(
      workbook,
      title,
      [columns.map((c) => c.header), columns.map((c) => examples[kind][c.key] ?? '')],
      columns.map((c) => (c.key === 'creditCode' ? 22 : c.key === 'note' ? 20 : 16)),
    );
  }
  return workbookBytes(workbook);
}
