import { useState, type ChangeEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { UnitEditor, type EditableUnit } from './UnitEditor.tsx';
import { unitProblemText } from './unit-problem-text.ts';
import { UNIT_LEVEL_LABEL } from '../../shared/labels.ts';

type ImportReport = ResponseOf<typeof api.units.import.$post>;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The unit tree (city → county → township, departments under each) with Excel/CSV import and export. */
export default function UnitsPage() {
  const lang = useLang();
  const units = useApi(() => api.units.$get(), []);
  const categories = useApi(() => api.categories.$get(), []);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [file, setFile] = useState<File | null>(null);
  const [editing, setEditing] = useState<EditableUnit | 'new' | null>(null);

  const setActive = async (unit: EditableUnit, active: boolean) => {
    setError(null);
    try {
      await call(api.units[':id'].$patch({ param: { id: String(unit.id) }, json: { active } }));
      units.reload();
    } catch (e) {
      setError(e);
    }
  };

  // Always check first: the check answers with every bad row; the import runs only on a clean file.
  const runImport = async (apply: boolean) => {
    if (!file) return;
    setError(null);
    try {
      const json = { filename: file.name, contentBase64: await readBase64(file) };
      const checked = await call(api.units.import.$post({ query: { dryRun: 'true' }, json }));
      if (!apply || checked.problemCount > 0) {
        setReport(checked);
        return;
      }
      setReport(await call(api.units.import.$post({ query: { dryRun: 'false' }, json })));
      units.reload();
    } catch (e) {
      setError(e);
    }
  };

  if (!units.data || !categories.data) return units.error ? <ErrorNote error={units.error} /> : <Loading />;
  const categoryName = new Map(categories.data.categories.map((c) => [c.id, t(lang, c.name, c.nameEn)]));
  const children = new Map<number | null, EditableUnit[]>();
  for (const u of units.data.units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const rows: Array<{ unit: EditableUnit; depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      rows.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);

  return (
    <>
      <Card
        title={t(lang, '单位导入与导出', 'Import and export units')}
        actions={
          <>
            <a className="button-secondary" href="/api/units/import-template.xlsx">
              {t(lang, '下载导入模板', 'Import template')}
            </a>
            <a className="button-secondary" href="/api/units/export.xlsx">
              {t(lang, '导出Excel', 'Export Excel')}
            </a>
            <a className="button-secondary" href="/api/units/export.csv">
              {t(lang, '导出CSV', 'Export CSV')}
            </a>
          </>
        }
      >
        <div className="inline-form">
          <input
            type="file"
            accept=".xlsx,.csv"
            aria-label={t(lang, '选择单位名册文件（Excel 或 CSV）', 'Choose a unit list file (Excel or CSV)')}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)}
          />
          <button type="button" className="button-secondary" disabled={!file} onClick={() => runImport(false)}>
            {t(lang, '检查文件', 'Check file')}
          </button>
          <button type="button" className="button-primary" disabled={!file} onClick={() => runImport(true)}>
            {t(lang, '导入', 'Import')}
          </button>
        </div>
        <ErrorNote error={error} />
        {report && <ImportReportView report={report} />}
      </Card>
      <Card
        title={t(lang, `单位（${units.data.units.length}）`, `Units (${units.data.units.length})`)}
        actions={
          <button type="button" className="button-secondary" onClick={() => setEditing('new')}>
            {t(lang, '新增单位', 'Add a unit')}
          </button>
        }
      >
        {editing && (
          <UnitEditor
            key={editing === 'new' ? 'new' : editing.id}
            unit={editing === 'new' ? null : editing}
            units={units.data.units}
            categories={categories.data.categories}
            onSaved={() => {
              setEditing(null);
              units.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        <table className="data">
          <thead>
            <tr>
              <th>{t(lang, '单位', 'Unit')}</th>
              <th>{t(lang, '编码', 'Code')}</th>
              <th>{t(lang, '层级', 'Level')}</th>
              <th>{t(lang, '类别', 'Category')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map(({ unit, depth }) => (
              <tr key={unit.id} className={unit.active ? '' : 'inactive'}>
                <td style={{ paddingLeft: `${0.7 + depth * 1.4}rem` }}>{t(lang, unit.name, unit.nameEn)}</td>
                <td>{unit.code}</td>
                <td>{t(lang, ...UNIT_LEVEL_LABEL[unit.level])}</td>
                <td>{unit.categoryId ? categoryName.get(unit.categoryId) : '—'}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setEditing(unit)}>
                    {t(lang, '编辑', 'Edit')}
                  </button>{' '}
                  <button type="button" className="link-button" onClick={() => setActive(unit, !unit.active)}>
                    {unit.active ? t(lang, '停用', 'Deactivate') : t(lang, '启用', 'Activate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}

/** Which sheet of a workbook the import read: an instructions sheet (说明) before it is skipped. */
function sheetText(lang: Lang, sheet: NonNullable<ImportReport['sheet']>): string {
  const { sheet: name, position, sheetCount } = sheet;
  if (sheet.code === 'only_sheet') return t(lang, `已读取工作表“${name}”。`, `Read the sheet "${name}".`);
  if (sheet.code === 'sheet_with_header')
    return t(
      lang,
      `已读取工作表“${name}”（共 ${sheetCount} 个工作表中的第 ${position} 个）。`,
      `Read the sheet "${name}" (${position} of ${sheetCount}).`,
    );
  return t(
    lang,
    `没有哪个工作表有列名行，已读取工作表“${name}”（共 ${sheetCount} 个工作表中的第 ${position} 个）。`,
    `No sheet has a header row; read the sheet "${name}" (${position} of ${sheetCount}).`,
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const lang = useLang();
  const errors = report.problems;
  // Only a workbook of several sheets leaves a doubt about which one was read.
  const sheet =
    report.sheet && report.sheet.sheetCount > 1 ? (
      <>
        {' '}
        <span data-testid="import-sheet">{sheetText(lang, report.sheet)}</span>
      </>
    ) : null;
  if (errors.length === 0) {
    const counts = t(
      lang,
      `新增 ${report.createdCount} 个，更新 ${report.updatedCount} 个，未变 ${report.unchangedCount} 个`,
      `${report.createdCount} new, ${report.updatedCount} updated, ${report.unchangedCount} unchanged`,
    );
    return (
      <p className="notice notice-ok" data-testid="import-report">
        {report.applied
          ? t(lang, `已导入：${counts}。`, `Imported: ${counts}.`)
          : t(lang, `文件无误，可以导入：${counts}。`, `The file is fine and can be imported: ${counts}.`)}
        {sheet}
      </p>
    );
  }
  return (
    <div className="notice notice-warn" data-testid="import-errors">
      <strong>
        {t(
          lang,
          `发现 ${errors.length} 处错误，未导入任何数据：`,
          `${errors.length} problems found; nothing was imported:`,
        )}
      </strong>
      {sheet}
      <table className="data compact">
        <thead>
          <tr>
            <th>{t(lang, '行', 'Row')}</th>
            <th>{t(lang, '列', 'Column')}</th>
            <th>{t(lang, '内容', 'Value')}</th>
            <th>{t(lang, '问题', 'Problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row}</td>
              <td>{e.column}</td>
              <td>{e.value}</td>
              <td>{unitProblemText(lang, e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
