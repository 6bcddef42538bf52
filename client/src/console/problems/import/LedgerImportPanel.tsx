import { useState, type ChangeEvent } from 'react';
import { api, call, type ResponseOf } from '../../../shared/api.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import { Card, ErrorNote } from '../../ui.tsx';
import { ledgerProblemText } from './ledger-problem-text.ts';

type LedgerReport = ResponseOf<typeof api.problems.import.$post>;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * The office imports its existing ledger (整改台账) from Excel or CSV: always checked first, every problem
 * listed at once by row and column, and imported only when the whole file is clean (all rows or none).
 */
export function LedgerImportPanel({ onImported }: { onImported?: () => void }) {
  const lang = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<LedgerReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (apply: boolean) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const json = { filename: file.name, contentBase64: await readBase64(file) };
      const checked = await call(api.problems.import.$post({ query: { dryRun: 'true' }, json }));
      if (!apply || checked.problemCount > 0) setReport(checked);
      else {
        setReport(await call(api.problems.import.$post({ query: { dryRun: 'false' }, json })));
        onImported?.();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t(lang, '导入已有整改台账', 'Import an existing ledger')}
      actions={
        <a className="button-secondary" href="/api/problems/import/template.xlsx">
          {t(lang, '下载台账模板', 'Ledger template')}
        </a>
      }
    >
      <p className="muted small">
        {t(
          lang,
          '列：序号、问题、整改措施、责任单位、责任人、时限、进展（可加责任领导、问题来源、问题类型、状态）。导入的问题直接备案；已完成的以“导入时已完成”销号。',
          'Columns: 序号, 问题, 整改措施, 责任单位, 责任人, 时限, 进展 (optionally 责任领导, 问题来源, 问题类型, 状态). Imported problems are filed; finished ones are closed as "completed at import".',
        )}
      </p>
      <div className="inline-form">
        <input
          type="file"
          accept=".xlsx,.csv"
          aria-label={t(lang, '选择台账文件（Excel 或 CSV）', 'Choose a ledger file (Excel or CSV)')}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
          }}
        />
        <button type="button" className="button-secondary" disabled={!file || busy} onClick={() => run(false)}>
          {t(lang, '检查文件', 'Check file')}
        </button>
        <button type="button" className="button-primary" disabled={!file || busy} onClick={() => run(true)}>
          {t(lang, '导入', 'Import')}
        </button>
      </div>
      <ErrorNote error={error} />
      {report && <LedgerReportView report={report} />}
    </Card>
  );
}

function LedgerReportView({ report }: { report: LedgerReport }) {
  const lang = useLang();
  if (report.problems.length === 0) {
    const { filed, in_progress, closed } = report.states;
    const counts = t(
      lang,
      `共 ${report.createdCount} 个问题：已备案 ${filed} 个，整改中 ${in_progress} 个，已销号 ${closed} 个`,
      `${report.createdCount} problems: ${filed} filed, ${in_progress} in progress, ${closed} closed`,
    );
    return (
      <p className="notice notice-ok" data-testid="ledger-import-report">
        {report.applied
          ? t(lang, `已导入${counts}。`, `Imported ${counts}.`)
          : t(lang, `文件无误，可以导入${counts}。`, `The file is fine and can be imported: ${counts}.`)}
      </p>
    );
  }
  return (
    <div className="notice notice-warn" data-testid="ledger-import-errors">
      <strong>
        {t(
          lang,
          `发现 ${report.problemCount} 处错误，未导入任何问题：`,
          `${report.problemCount} problems found; nothing was imported:`,
        )}
      </strong>
      <div className="table-scroll">
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
            {report.problems.map((problem, index) => (
              <tr key={index}>
                <td>{problem.row}</td>
                <td>{problem.column}</td>
                <td>{problem.value}</td>
                <td>{ledgerProblemText(lang, problem)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
