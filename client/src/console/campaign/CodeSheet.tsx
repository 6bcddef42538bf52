import { t, useLang } from '../../shared/i18n.ts';
import { csvDocument } from '../../../../formats/csv.ts';
import type { CampaignConfig, IssuedBatch } from './campaign-types.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

/** The codes as CSV for mail merge (formats/csv.ts: a BOM for Excel, no cell that starts a formula). */
export function downloadCodesCsv(campaign: CampaignConfig, batch: IssuedBatch): void {
  const rows = [
    ['序号', '评议码', '评议活动', '批次'],
    ...batch.codes.map((code, i) => [String(i + 1), code, campaign.name, batch.label]),
  ];
  const csv = csvDocument(rows);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `评议码-${campaign.slug}-${batch.batchId}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

/** The just-issued codes as cut-out slips, one per rater, ready to print (print hides everything else). */
export function CodeSheet({
  campaign,
  batch,
  unitName,
  onClose,
}: {
  campaign: CampaignConfig;
  batch: IssuedBatch;
  unitName: Map<number, string>;
  onClose: () => void;
}) {
  const lang = useLang();
  const who = batch.raterUnitId
    ? unitName.get(batch.raterUnitId)
    : batch.targetUnitId
      ? unitName.get(batch.targetUnitId)
      : null;
  return (
    <section className="card code-sheet" data-testid="code-sheet">
      <div className="card-head no-print">
        <h2>{t(lang, `已生成 ${batch.codes.length} 个评议码`, `${batch.codes.length} codes issued`)}</h2>
        <div className="card-actions">
          <button type="button" className="button-primary" onClick={() => window.print()}>
            {t(lang, '打印评议码单', 'Print code slips')}
          </button>
          <button type="button" className="button-secondary" onClick={() => downloadCodesCsv(campaign, batch)}>
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
        {batch.codes.map((code) => (
          <div key={code} className="slip">
            <div className="slip-campaign">{campaign.name}</div>
            <div className="slip-who">
              {RATER_LABEL[batch.raterType]?.[0]}
              {who ? ` · ${who}` : ''}
            </div>
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
