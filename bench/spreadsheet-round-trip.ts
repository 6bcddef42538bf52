// A real round trip of Pingyi's CSV through LibreOffice (decision 015): the cells an office's spreadsheet
// would re-type (0012, 1-2, 3/12, long digit strings, TRUE, 1.50) or run (=…, +…, @…), written by
// formats/csv.ts, opened by LibreOffice Calc with each import setting that matters (language, "detect
// special numbers", "evaluate formulas"), saved again as CSV and as .xlsx, and read back by Pingyi's own
// readers. The same cells written as naive CSV are the baseline: what an office would lose without the
// guards. Needs `soffice` with Calc (Debian: libreoffice-calc-nogui); without it, says so and exits 0.
// Not part of npm test or npm run bench. Run: npx tsx bench/spreadsheet-round-trip.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { csvDocument } from '../formats/csv.ts';
import { decodeCsv, parseCsv } from '../server/sheets/csv-read.ts';
import { readSheetFile } from '../server/sheets/sheet-file.ts';
import type { SheetCell } from '../server/sheets/sheet-rows.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const VALUES = [
  '0012',
  '0571',
  '007',
  '123456789012',
  '123456789012345678',
  '1-2',
  '3-12',
  '3/12',
  '2026-01-02',
  '1.50',
  '1e5',
  '50%',
  'TRUE',
  '12:30',
  '1月2日',
  '=HYPERLINK("http://evil","点我")',
  '+86 服务中心',
  '-1-2',
  '@risk',
  "'=quoted",
  '青溪市市场监督管理局',
  '窗口, "一号"',
  '第一行\n第二行',
  'D01',
  'QX-YS-T01',
  '0571-007',
  '12',
  '-5',
];

function naiveCsv(rows: string[][]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

const cellText = (cell: SheetCell | undefined) =>
  cell === undefined ? '' : typeof cell === 'string' ? cell : cell.error;

function soffice(profile: string, args: string[]): void {
  const result = spawnSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr || result.stdout}`);
}

async function readBack(file: string): Promise<string[]> {
  const bytes = new Uint8Array(readFileSync(file));
  const rows = file.endsWith('.csv')
    ? parseCsv(decodeCsv(bytes).text)
    : (await readSheetFile(file, bytes, { names: [], fit: () => 1 })).rows;
  return rows.slice(1).map((row) => cellText(row.cells[0]));
}

const version = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  print(
    'soffice (LibreOffice) is not installed: no round trip to check. Debian: apt-get install libreoffice-calc-nogui',
  );
  process.exit(0);
}
print(`${version.stdout.trim()}\n`);

const work = mkdtempSync(join(tmpdir(), 'pingyi-lo-'));
const rows = [['value', '名称'], ...VALUES.map((value) => [value, '单位'])];
const input = join(work, 'in');
mkdirSync(input);
writeFileSync(join(input, 'guarded.csv'), csvDocument(rows));
writeFileSync(join(input, 'naive.csv'), naiveCsv(rows));

const SETTINGS = [
  { language: 2052, special: false, evaluate: true },
  { language: 2052, special: true, evaluate: true },
  { language: 2052, special: false, evaluate: false },
  { language: 2052, special: true, evaluate: false },
  { language: 1033, special: false, evaluate: true },
  { language: 1033, special: true, evaluate: true },
  { language: 1033, special: false, evaluate: false },
  { language: 1033, special: true, evaluate: false },
];
const CSV_OUT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true';
let failures = 0;
try {
  print(
    'setting (language, detect special numbers, evaluate formulas) | saved as | guarded CSV | naive CSV (baseline)',
  );
  for (const [index, setting] of SETTINGS.entries()) {
    const infilter = `CSV:44,34,76,1,,${setting.language},false,${setting.special},,,false,,${setting.evaluate}`;
    const profile = join(work, 'profile');
    for (const [format, filter] of [
      ['csv', CSV_OUT],
      ['xlsx', 'xlsx'],
    ] as const) {
      const out = join(work, `out-${index}-${format}`);
      const files = ['guarded.csv', 'naive.csv'].map((name) => join(input, name));
      soffice(profile, [`--infilter=${infilter}`, '--convert-to', filter, '--outdir', out, ...files]);
      const outcome = async (name: string) => {
        const back = await readBack(join(out, `${name}.${format}`));
        const lost = VALUES.flatMap((value, i) =>
          back[i] === value ? [] : [`${JSON.stringify(value)}→${JSON.stringify(back[i])}`],
        );
        return { lost, text: `${VALUES.length - lost.length}/${VALUES.length} kept` };
      };
      const guarded = await outcome('guarded');
      const naive = await outcome('naive');
      failures += guarded.lost.length;
      const label = `${setting.language === 2052 ? 'zh-CN' : 'en-US'}, special ${setting.special ? 'on ' : 'off'}, evaluate ${setting.evaluate ? 'on ' : 'off'}`;
      print(
        `${label} | ${format.padEnd(4)} | ${guarded.text}${guarded.lost.length ? ` LOST ${guarded.lost.join(' ')}` : ''} | ${naive.text}: ${naive.lost.join(' ')}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
print(failures === 0 ? '\nevery guarded cell came back as written' : `\n${failures} guarded cell(s) changed`);
process.exit(failures === 0 ? 0 : 1);
