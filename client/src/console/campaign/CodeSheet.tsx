import type { api, ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { csvDocument } from '../../../../formats/csv.ts';
import type { CampaignConfig, IssuedBatch } from './campaign-types.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

/** Peer codes just issued for every unit in scope (POST /api/campaigns/{id}/peer-code-batches), as JSON. */
export type IssuedPeerBatches = Exclude<
  ResponseOf<(typeof api.campaigns)[':id']['peer-code-batches']['$post']>,
  string | Response
>;

/** The unit a code is bound to: the peer's own unit, or the unit a recipient rates. */
interface SlipUnit {
  code: string;
  name: string;
}

/** Codes just issued, one slip each: all a slip may say is the campaign, the rater type, the unit and the code. */
export interface IssuedSheet {
  raterType: IssuedBatch['raterType'];
  label: string;
  /** For the file name: the first batch issued. */
  batchId: number;
  slips: Array<{ code: string; unit: SlipUnit | null }>;
}

type ScopeUnit = CampaignConfig['units'][number];

function slipUnit(unit: ScopeUnit | undefined, lang: Lang): SlipUnit | null {
  return unit ? { code: unit.code, name: t(lang, unit.name, unit.nameEn) } : null;
}

/** One batch's slips, each naming the unit the batch is bound to (none for leaders' codes). */
export function sheetOfBatch(batch: IssuedBatch, units: readonly ScopeUnit[], lang: Lang): IssuedSheet {
  const unitId = batch.raterUnitId ?? batch.targetUnitId;
  const unit = slipUnit(
    units.find((u) => u.id === unitId),
    lang,
  );
  return {
    raterType: batch.raterType,
    label: batch.label,
    batchId: batch.batchId,
    slips: batch.codes.map((code) => ({ code, unit })),
  };
}

/** Every unit's peer slips, unit after unit, each naming its rater unit. */
export function sheetOfPeerBatches(issued: IssuedPeerBatches, units: readonly ScopeUnit[], lang: Lang): IssuedSheet {
  return {
    raterType: 'peer',
    label: issued.label,
    batchId: issued.batches[0]?.batchId ?? 0,
    slips: issued.batches.flatMap((batch) => {
      const unit = slipUnit(
        units.find((u) => u.id === batch.raterUnitId),
        lang,
      ) ?? { code: batch.raterUnitCode, name: batch.raterUnitName };
      return batch.codes.map((code) => ({ code, unit }));
    }),
  };
}

/** The CSV header's words for the unit a code is bound to. */
function unitHeader(raterType: IssuedSheet['raterType']): [string, string] | null {
  if (raterType === 'peer') return ['评议单位编码', '评议单位'];
  if (raterType === 'recipient') return ['被评单位编码', '被评单位'];
  return null;
}

/** The codes as CSV for mail merge (formats/csv.ts: a BOM for Excel, no cell that starts a formula). */
export function downloadCodesCsv(campaign: CampaignConfig, sheet: IssuedSheet): void {
  const unitColumns = unitHeader(sheet.raterType);
  const rows = [
    ['序号', '评议码', ...(unitColumns ?? []), '评议活动', '批次'],
    ...sheet.slips.map((slip, i) => [
      String(i + 1),
      slip.code,
      ...(unitColumns ? [slip.unit?.code ?? '', slip.unit?.name ?? ''] : []),
      campaign.name,
      sheet.label,
    ]),
  ];
  const csv = csvDocument(rows);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `评议码-${campaign.slug}-${sheet.batchId}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

/** The just-issued codes as cut-out slips, one per rater, ready to print (print hides everything else). */
export function CodeSheet({
  campaign,
  sheet,
  onClose,
}: {
  campaign: CampaignConfig;
  sheet: IssuedSheet;
  onClose: () => void;
}) {
  const lang = useLang();
  const raterLabel = t(lang, ...(RATER_LABEL[sheet.raterType] ?? [sheet.raterType, sheet.raterType]));
  const unitWord =
    sheet.raterType === 'peer' ? t(lang, '评议单位：', 'Rating as: ') : t(lang, '被评单位：', 'Unit rated: ');
  const units = new Set(sheet.slips.map((s) => s.unit?.code)).size;
  return (
    <section className="card code-sheet" data-testid="code-sheet">
      <div className="card-head no-print">
        <h2>
          {sheet.raterType === 'peer' && units > 1
            ? t(
                lang,
                `已为 ${units} 个单位生成 ${sheet.slips.length} 个评议码`,
                `${sheet.slips.length} codes issued for ${units} units`,
              )
            : t(lang, `已生成 ${sheet.slips.length} 个评议码`, `${sheet.slips.length} codes issued`)}
        </h2>
        <div className="card-actions">
          <button type="button" className="button-primary" onClick={() => window.print()}>
            {t(lang, '打印评议码单', 'Print code slips')}
          </button>
          <button type="button" className="button-secondary" onClick={() => downloadCodesCsv(campaign, sheet)}>
            {t(lang, '下载CSV', 'Download CSV')}
          </button>
          <button type="button" className="link-button" onClick={onClose}>
            {t(lang, '关闭', 'Close')}
          </button>
        </div>
      </div>
      <p className="no-print notice notice-warn">
        {t(lang, '关闭后将无法再次查看这些评议码。', 'Once closed, these codes cannot be shown again.')}
      </p>
      <div className="slips">
        {sheet.slips.map(({ code, unit }) => (
          <div key={code} className="slip" data-testid="slip">
            <div className="slip-campaign">{t(lang, campaign.name, campaign.nameEn)}</div>
            <div className="slip-who">{raterLabel}</div>
            {unit && (
              <div className="slip-unit" data-testid="slip-unit">
                {unitWord}
                <span className="slip-unit-code">{unit.code}</span> {unit.name}
              </div>
            )}
            <div className="slip-code" data-testid="issued-code">
              {code}
            </div>
            <div className="slip-how">
              {t(lang, '请访问', 'Open')} {window.location.origin}/code{' '}
              {t(
                lang,
                '输入评议码，限用一次，匿名评价',
                'and type the code; it works once, and your rating is anonymous',
              )}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
