import type { AppDeps } from '../app-deps.ts';
import { addDays, chinaDay } from '../problems/working-days.ts';
import type { WeekDue } from './report-week.ts';
import { rootUnitName } from './weekly-reports.repository.ts';
import { assembleSummaries, weekOverview, type ReportStatus } from './weekly-reports.service.ts';
import type { WeeklyFigures } from './weekly-summary.ts';

// What the office's weekly summary for the city committee holds, gathered once for both files
// (weekly-export-docx.ts, weekly-export-xlsx.ts): the counts of units reported, late and missing; each
// unit's figures (as submitted, or assembled now for a unit that has not submitted) and texts; the
// problems overdue today across every unit that reports.

export interface WeeklyExport {
  readonly week: string;
  readonly lastDay: string;
  readonly due: WeekDue;
  /** The office, named after the top of the unit tree as the notices are. */
  readonly issuer: string;
  /** The China day the file was made: overdue is counted up to it. */
  readonly today: string;
  readonly generatedAt: string;
  readonly counts: { units: number; on_time: number; late: number; draft: number; missing: number };
  readonly units: readonly ExportUnit[];
  readonly totals: WeeklyFigures;
  readonly overdue: readonly ExportOverdue[];
}

export interface ExportUnit {
  readonly name: string;
  readonly status: ReportStatus;
  readonly submittedAt: string | null;
  readonly onBehalf: boolean;
  readonly figures: WeeklyFigures | null;
  readonly progress: string;
  readonly plan: string;
  readonly difficulties: string;
}

export interface ExportOverdue {
  readonly unitName: string;
  readonly problemId: number;
  readonly title: string;
  readonly owner: string | null;
  readonly deadline: string;
  readonly state: string;
  readonly workingDaysOverdue: number;
}

export const STATUS_ZH: Record<ReportStatus, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  draft: '未报送（草稿）',
  missing: '未报送',
};

export async function weeklyExport(deps: AppDeps, week: string, now: Date): Promise<WeeklyExport> {
  const overview = await weekOverview(deps, week, now);
  const live = await assembleSummaries(
    deps.db,
    week,
    overview.rows.map((row) => row.unit.id),
    now,
  );
  const units = overview.rows.map((row) => {
    const submitted = row.report?.state === 'submitted';
    return {
      name: row.unit.name,
      status: row.status,
      submittedAt: row.submittedAt,
      onBehalf: row.onBehalf,
      figures: row.summary?.figures ?? null,
      // A draft is the unit's own working text: the committee reads only what was submitted.
      progress: submitted ? row.report!.progress : '',
      plan: submitted ? row.report!.plan : '',
      difficulties: submitted ? row.report!.difficulties : '',
    };
  });
  const overdue = overview.rows.flatMap((row) =>
    (live.get(row.unit.id)?.overdue ?? []).map((item) => ({ unitName: row.unit.name, ...item })),
  );
  overdue.sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.problemId - b.problemId);
  const root = await rootUnitName(deps.db);
  return {
    week,
    lastDay: addDays(week, 6),
    due: overview.due,
    issuer: `${root ?? ''}作风评议办公室`,
    today: chinaDay(now),
    generatedAt: now.toISOString(),
    counts: overview.counts,
    units,
    totals: sumFigures(units.map((u) => u.figures)),
    overdue,
  };
}

function sumFigures(list: readonly (WeeklyFigures | null)[]): WeeklyFigures {
  const total: Record<string, number> = {};
  for (const figures of list) {
    if (!figures) continue;
    for (const [key, value] of Object.entries(figures)) total[key] = (total[key] ?? 0) + value;
  }
  const zero: WeeklyFigures = {
    created: 0,
    submitted: 0,
    filed: 0,
    started: 0,
    progress: 0,
    claimed: 0,
    closed: 0,
    closedOnTime: 0,
    reopened: 0,
    explained: 0,
    extended: 0,
    evidence: 0,
    overdue: 0,
    inboxReceived: 0,
    inboxAnswered: 0,
  };
  return { ...zero, ...total };
}

/** Content-Disposition with an ASCII name and the Chinese one (RFC 6266 / RFC 5987 filename*). */
export function attachment(data: Pick<WeeklyExport, 'week'>, extension: 'docx' | 'xlsx'): string {
  const chinese = `整改工作周报-${data.week}.${extension}`;
  return `attachment; filename="weekly-report-${data.week}.${extension}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}
