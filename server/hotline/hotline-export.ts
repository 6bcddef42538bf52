import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  displayNames,
  handedOffProblems,
  recordExports,
  type ExportScope,
  type HandedOffRow,
} from './hotline-export.repository.ts';
import { problemNumber } from './problem-number.ts';

// The rows of the 12345 export (docs/hotline-12345.md): one per problem handed to 12345, in the layout an
// operator loads into the hotline platform. The raiser's name and phone go out only when they agreed
// (share_contact = 1); so does a listed household's address, which names where they live.

export interface HotlineExportRow {
  visitProblemId: number;
  /** 问题编号: `ZF-{visit}-{seq}`, what the platform posts back. */
  number: string;
  /** 受理日期: the day the problem was heard. */
  heardOn: string;
  /** 来源. */
  source: '走访';
  /** 姓名 / 电话: empty unless the person agreed. */
  name: string;
  phone: string;
  /** 乡镇 (街道). */
  township: string;
  /** 村/社区或企业. */
  target: string;
  /** 地址. */
  address: string;
  /** 问题描述. */
  description: string;
  /** 建议承办单位. */
  suggestedUnit: string;
  /** 反馈时限: the last working day to tell the person. */
  feedbackDueOn: string;
  /** 走访干部, joined with 、. */
  cadres: string;
  /** 服务队. */
  team: string;
}

/** The problems of the scope as export rows, recorded as exported (first time kept) by `actorUserId`. */
export async function hotlineExport(
  deps: AppDeps,
  actorUserId: number,
  scope: ExportScope,
  now: Date,
): Promise<HotlineExportRow[]> {
  const problems = await handedOffProblems(deps.db, scope);
  const names = await displayNames(deps.db, [...new Set(problems.flatMap((p) => cadresOf(p.cadres).userIds))]);
  const rows = problems.map((problem) => exportRow(problem, names));
  await recordExports(
    deps.db,
    problems.map((p) => p.id),
    actorUserId,
    now.toISOString(),
  );
  await recordAudit(
    deps.db,
    { actorUserId, action: 'hotline_exported', entityType: 'visit_problem', detail: { ...scope, rows: rows.length } },
    now,
  );
  return rows;
}

function exportRow(p: HandedOffRow, names: ReadonlyMap<number, string>): HotlineExportRow {
  const shared = p.share_contact === 1;
  const { userIds, named } = cadresOf(p.cadres);
  return {
    visitProblemId: p.id,
    number: problemNumber(p.visit_id, p.seq),
    heardOn: p.visited_on,
    source: '走访',
    name: shared ? (p.raiser_name ?? '') : '',
    phone: shared ? (p.raiser_phone ?? '') : '',
    township: p.enterprise_township ?? p.village_township ?? '',
    target: p.target_kind === 'enterprise' ? (p.enterprise_name ?? '') : (p.village_name ?? ''),
    address: p.enterprise_address ?? (shared ? p.household_address : null) ?? p.place ?? '',
    description: p.description,
    suggestedUnit: p.unit_name ?? '',
    feedbackDueOn: p.feedback_due_on ?? '',
    cadres: [...userIds.map((id) => names.get(id) ?? ''), ...named].filter((n) => n !== '').join('、'),
    team: p.team_name ?? '',
  };
}

/** A visit's cadres JSON: `[{ "userId": 3 } | { "name": "…", "unit": "…" }]` (anything else is skipped). */
function cadresOf(json: string): { userIds: number[]; named: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { userIds: [], named: [] };
  }
  const userIds: number[] = [];
  const named: string[] = [];
  for (const cadre of Array.isArray(parsed) ? (parsed as unknown[]) : []) {
    if (typeof cadre !== 'object' || cadre === null) continue;
    const { userId, name } = cadre as { userId?: unknown; name?: unknown };
    if (typeof userId === 'number' && Number.isInteger(userId)) userIds.push(userId);
    else if (typeof name === 'string' && name.trim() !== '') named.push(name.trim());
  }
  return { userIds, named };
}
