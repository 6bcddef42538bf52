// A published version as an Excel workbook, for offices that pass results on as spreadsheets. It is
// written from the stored (frozen) content only, so it holds exactly the published figures: a rater
// group below its minimum shows its count and the words "below the minimum", never a score. Every row
// carries the weights actually used beside each rater type's score and counted ballots, so the composite
// can be recomputed from the sheet (Σ weight × score); the sheet 计算方法 explains each row in words.
import type { RaterType } from '../../scoring/rater-type.ts';
import { addTable, type SheetValue, newWorkbook, workbookBytes } from '../sheets/xlsx-write.ts';
import type { PublicationDocument } from './publication-document.ts';
import { flagText } from './publication-flags.ts';

type Cell = SheetValue;
type Unit = PublicationDocument['units'][number];
type Group = Unit['groups'][number];

const RATER_LABELS: Record<RaterType, string> = { superior: '上级领导评', peer: '同级部门评', recipient: '服务对象评' };

export interface PublishedVersion {
  readonly version: number;
  readonly publishedAt: string;
  readonly contentHash: string;
  readonly content: PublicationDocument;
}

export async function publicationWorkbook(published: PublishedVersion): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = newWorkbook(new Date(published.publishedAt));
  const raterTypes = published.content.settings.raterTypes.map((r) => r.raterType);
  addTable(workbook, '通报', rankingRows(published.content, raterTypes), [
    8,
    14,
    28,
    10,
    10,
    ...raterTypes.flatMap(() => [10, 8, 10]),
    10,
    48,
  ]);
  addTable(workbook, '单位明细', reportRows(published.content), [14, 28, 12, 8, 10, 24, 8, 10]);
  addTable(workbook, '计算方法', methodRows(published.content), [14, 28, 120]);
  addTable(workbook, '设置', settingsRows(published), [24, 80]);
  return workbookBytes(workbook);
}

function rankingRows(content: PublicationDocument, raterTypes: readonly RaterType[]): Cell[][] {
  const header: Cell[] = [
    '名次',
    '单位编码',
    '单位',
    '综合得分',
    '等次',
    ...raterTypes.flatMap((r) => [RATER_LABELS[r], '计分票', '实际权重']),
    '名次区间',
    '说明',
  ];
  const rows: Cell[][] = [header];
  for (const category of content.categories) {
    const members = content.units
      .filter((unit) => unit.categoryKey === category.key)
      .sort(
        (a, b) =>
          (a.rank ?? Infinity) - (b.rank ?? Infinity) || (b.composite ?? -Infinity) - (a.composite ?? -Infinity),
      );
    if (members.length === 0) continue;
    rows.push([], [`${category.name}${category.ranked ? '' : '（只评不排）'}`]);
    for (const unit of members) {
      const groups = raterTypes.flatMap((raterType) => {
        const group = unit.groups.find((g) => g.raterType === raterType);
        const weight = unit.weights?.find((w) => w.raterType === raterType)?.used ?? null;
        return [groupScore(group), group?.ballots ?? 0, weight];
      });
      const range =
        unit.rankRange === null
          ? null
          : unit.rankRange.best === unit.rankRange.worst
            ? String(unit.rankRange.best)
            : `${unit.rankRange.best}–${unit.rankRange.worst}`;
      rows.push([
        unit.rank,
        unit.code,
        unit.name,
        unit.composite,
        unit.grade,
        ...groups,
        range,
        unit.flags.map(flagText).join('；'),
      ]);
    }
  }
  return rows;
}

function groupScore(group: Group | undefined): Cell {
  if (!group || group.status === 'missing') return null;
  if (group.status === 'suppressed') return `不足${group.minCount}份`;
  return group.score === null ? null : round(group.score);
}

function reportRows(content: PublicationDocument): Cell[][] {
  const rows: Cell[][] = [['单位编码', '单位', '评议主体', '计分票', '得分', '评议项目', '有效票', '平均分']];
  for (const unit of content.units) {
    for (const group of unit.groups) {
      const score = groupScore(group);
      if (group.items.length === 0)
        rows.push([unit.code, unit.name, RATER_LABELS[group.raterType], group.ballots, score, null, null, null]);
      for (const item of group.items) {
        rows.push([
          unit.code,
          unit.name,
          RATER_LABELS[group.raterType],
          group.ballots,
          score,
          item.label,
          item.n,
          item.mean === null ? '不足下限' : round(item.mean),
        ]);
      }
    }
  }
  return rows;
}

/** The method in words, the ballot counts by name, then each unit's "how this was computed". */
function methodRows(content: PublicationDocument): Cell[][] {
  const rows: Cell[][] = [['单位编码', '单位', '说明']];
  const method = content.method?.zh;
  if (method) for (const paragraph of [method.intro, ...method.method]) rows.push([null, null, paragraph]);
  for (const counts of content.ballotCounts ?? []) {
    rows.push([
      null,
      RATER_LABELS[counts.raterType as RaterType] ?? counts.raterType,
      `收到的评价票${counts.received}张 · 复核排除${counts.excluded}张 · 仅答“不了解”${counts.onlyDontKnow}张 · 计分票${counts.counted}张`,
    ]);
  }
  rows.push([]);
  for (const unit of content.units) {
    for (const line of unit.explanation?.zh ?? []) rows.push([unit.code, unit.name, line]);
  }
  return rows;
}

function settingsRows(published: PublishedVersion): Cell[][] {
  const { content } = published;
  const { settings } = content;
  const rows: Cell[][] = [
    ['项目', '内容'],
    ['评议活动', `${content.campaign.name}（${content.campaign.slug}）`],
    ['版本', published.version],
    ['发布时间', published.publishedAt],
    ['内容校验码（SHA-256）', published.contentHash],
    [
      '权重',
      settings.raterTypes.map((r) => `${RATER_LABELS[r.raterType]} ${settings.weights[r.raterType]}`).join('，'),
    ],
    ...settings.categoryWeights.map((c): Cell[] => [
      `权重（${content.categories.find((category) => category.key === c.category)?.name ?? c.category}）`,
      settings.raterTypes.map((r) => `${RATER_LABELS[r.raterType]} ${c.weights[r.raterType]}`).join('，'),
    ]),
    ...settings.raterTypes.map((r): Cell[] => [`${RATER_LABELS[r.raterType]}最少份数（匿名保护）`, r.minimumBallots]),
    ['得分保留小数位', settings.precision],
    ['置信水平', settings.confidence],
  ];
  if (settings.grading)
    rows.push(['等次划分', settings.grading.bands.map((band) => `${band.grade} ≥ ${band.minScore}`).join('，')]);
  for (const veto of settings.vetoes) rows.push(['一票否决', `${veto.unit ?? ''}：${veto.reason}`]);
  return rows;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
