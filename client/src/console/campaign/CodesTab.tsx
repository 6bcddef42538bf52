import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig, IssuedBatch } from './campaign-types.ts';
import { CodeSheet, sheetOfBatch, sheetOfPeerBatches, type IssuedPeerBatches, type IssuedSheet } from './CodeSheet.tsx';
import { SmsPanel } from './SmsPanel.tsx';
import { defaultBatchLabel, RATER_LABEL } from '../../shared/labels.ts';

type Batch = ResponseOf<(typeof api.campaigns)[':id']['code-batches']['$get']>['batches'][number];

/** A trial on this very computer: the server then prints QR codes for localhost without PUBLIC_URL. */
const onThisComputer = () => ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);

/** Issue code batches (shown once: print or download at once), withdraw lost ones, and print QR posters. */
export function CodesTab({ campaign }: { campaign: CampaignConfig }) {
  const lang = useLang();
  const batches = useApi(
    () => api.campaigns[':id']['code-batches'].$get({ param: { id: String(campaign.id) } }),
    [campaign.id],
  );
  const deployment = useApi(() => api.deployment.$get(), []);
  const publicUrl = deployment.data?.publicUrl ?? null;
  const canPrint = Boolean(publicUrl) || onThisComputer();
  const [raterType, setRaterType] = useState(campaign.raterTypes[0]?.raterType ?? 'superior');
  const [unitId, setUnitId] = useState<number>(campaign.units[0]?.id ?? 0);
  // Peer codes go to every unit in scope at once unless the office picks one unit (a top-up, a lost sheet).
  const [allPeerUnits, setAllPeerUnits] = useState(true);
  const [count, setCount] = useState(10);
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<IssuedSheet | null>(null);
  const [error, setError] = useState<unknown>(null);
  const unitName = new Map(campaign.units.map((u) => [u.id, t(lang, u.name, u.nameEn)]));
  const activeUnits = campaign.units.filter((u) => u.active).length;
  const active = campaign.status === 'draft' || campaign.status === 'open';

  const everyUnit = raterType === 'peer' && allPeerUnits;
  const issue = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // A batch the office did not name gets a name in the UI's language (it is printed on the slips).
    const named = label.trim() || defaultBatchLabel(lang, raterType, new Date());
    try {
      if (everyUnit) {
        const answer = await call(
          api.campaigns[':id']['peer-code-batches'].$post({
            param: { id: String(campaign.id) },
            query: {},
            json: { countPerUnit: count, label: named },
          }),
        );
        // Asked without ?format=csv, the route answers its JSON form.
        setIssued(sheetOfPeerBatches(answer as IssuedPeerBatches, campaign.units, lang));
        batches.reload();
        return;
      }
      const body = {
        raterType,
        count,
        label: named,
        ...(raterType === 'peer' ? { raterUnitId: unitId } : {}),
        ...(raterType === 'recipient' ? { targetUnitId: unitId } : {}),
      };
      const answer = await call(
        api.campaigns[':id']['code-batches'].$post({ param: { id: String(campaign.id) }, query: {}, json: body }),
      );
      // Asked without ?format=csv, the route answers its JSON form (see IssuedBatch).
      setIssued(sheetOfBatch(answer as IssuedBatch, campaign.units, lang));
      batches.reload();
    } catch (e) {
      setError(e);
    }
  };

  const withdraw = async (batch: Batch) => {
    if (
      !window.confirm(
        t(lang, `作废“${batch.label}”中尚未使用的评议码？`, `Withdraw the unused codes of "${batch.label}"?`),
      )
    )
      return;
    try {
      await call(api['code-batches'][':id'].void.$post({ param: { id: String(batch.id) } }));
      batches.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      {issued && <CodeSheet campaign={campaign} sheet={issued} onClose={() => setIssued(null)} />}
      {active && (
        <Card title={t(lang, '发放评议码', 'Issue access codes')}>
          <form className="inline-form" onSubmit={issue}>
            <label>
              {t(lang, '评议主体', 'Rater type')}
              <select value={raterType} onChange={(e) => setRaterType(e.target.value as typeof raterType)}>
                {campaign.raterTypes.map((r) => (
                  <option key={r.raterType} value={r.raterType}>
                    {t(lang, ...(RATER_LABEL[r.raterType] ?? [r.raterType, r.raterType]))}
                  </option>
                ))}
              </select>
            </label>
            {raterType === 'peer' && (
              <label>
                {t(lang, '发放范围', 'For')}
                <select
                  name="peerScope"
                  value={allPeerUnits ? 'all' : 'one'}
                  onChange={(e) => setAllPeerUnits(e.target.value === 'all')}
                >
                  <option value="all">
                    {t(lang, `范围内全部单位（${activeUnits} 个）`, `Every unit in scope (${activeUnits})`)}
                  </option>
                  <option value="one">{t(lang, '单个单位', 'One unit')}</option>
                </select>
              </label>
            )}
            {raterType !== 'superior' && !everyUnit && (
              <label>
                {raterType === 'peer'
                  ? t(lang, '评议单位（不评本单位）', 'Rating unit (never rates itself)')
                  : t(lang, '被评单位（办事单位）', 'Unit that served them')}
                <select value={unitId} onChange={(e) => setUnitId(Number(e.target.value))}>
                  {campaign.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {t(lang, u.name, u.nameEn)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {everyUnit ? t(lang, '每个单位数量', 'Codes per unit') : t(lang, '数量', 'Count')}
              <input
                type="number"
                name="count"
                min={1}
                max={everyUnit ? 500 : 5000}
                value={count}
                onChange={(e) => setCount(Number(e.target.value))}
              />
            </label>
            <label>
              {t(lang, '批次名称（选填）', 'Batch label (optional)')}
              <input value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
            </label>
            <button className="button-primary" type="submit">
              {t(lang, '生成', 'Issue')}
            </button>
          </form>
          {everyUnit && (
            <p className="muted" data-testid="peer-all-note">
              {t(
                lang,
                `将为 ${activeUnits} 个单位各生成 ${count} 个评议码，共 ${activeUnits * count} 个；每张评议码单印有其评议单位的编码和名称（同级部门不评本单位）。`,
                `${count} codes for each of ${activeUnits} units, ${activeUnits * count} in all; each slip names its rating unit, code and name (a unit never rates itself).`,
              )}
            </p>
          )}
          <p className="muted">
            {t(
              lang,
              '评议码只显示这一次（系统只保存其加密摘要）：请当场打印或下载。遗失的批次可作废后重新发放。',
              'Codes are shown this once (only keyed hashes are stored): print or download them now. A lost batch can be withdrawn and reissued.',
            )}
          </p>
          <ErrorNote error={error} />
        </Card>
      )}
      {active && campaign.raterTypes.some((r) => r.raterType === 'recipient') && (
        <SmsPanel campaign={campaign} onSent={batches.reload} />
      )}
      <Card title={t(lang, '已发放批次', 'Batches issued')}>
        <table className="data">
          <thead>
            <tr>
              <th>{t(lang, '批次', 'Batch')}</th>
              <th>{t(lang, '评议主体', 'Rater type')}</th>
              <th>{t(lang, '单位', 'Unit')}</th>
              <th className="num">{t(lang, '数量', 'Size')}</th>
              <th className="num">{t(lang, '已使用', 'Used')}</th>
              <th className="num">{t(lang, '已作废', 'Withdrawn')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {batches.data?.batches.map((b) => (
              <tr key={b.id}>
                <td>{b.label}</td>
                <td>{t(lang, ...(RATER_LABEL[b.raterType] ?? [b.raterType, b.raterType]))}</td>
                <td>{unitName.get(b.raterUnitId ?? b.targetUnitId ?? -1) ?? '—'}</td>
                <td className="num">{b.size}</td>
                <td className="num">{b.spent}</td>
                <td className="num">{b.voided}</td>
                <td>
                  {active && b.spent + b.voided < b.size && (
                    <button type="button" className="link-button" onClick={() => withdraw(b)}>
                      {t(lang, '作废未用', 'Withdraw unused')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {campaign.raterTypes.some((r) => r.raterType === 'recipient') && (
        <Card
          title={t(lang, '服务对象扫码评议', 'QR codes for service recipients')}
          actions={
            canPrint && (
              <a
                className="button-secondary"
                href={`/api/campaigns/${campaign.id}/posters`}
                target="_blank"
                rel="noreferrer"
              >
                {t(lang, '打印全部海报', 'Print all posters')}
              </a>
            )
          }
        >
          {deployment.data && !publicUrl && (
            <p className="notice notice-warn" data-testid="public-url-warning">
              {canPrint
                ? t(
                    lang,
                    '尚未设置对外访问地址（PUBLIC_URL）：下面的二维码指向本机（localhost），只能在这台电脑上试用，不要打印张贴。',
                    'PUBLIC_URL is not set: these QR codes point to this computer (localhost), for a trial here only. Do not print and post them.',
                  )
                : t(
                    lang,
                    '尚未设置对外访问地址（PUBLIC_URL），为防止二维码被篡改指向他处，系统不生成二维码和海报。请联系系统管理员设置 PUBLIC_URL（如 https://pingyi.example.gov.cn）后重启。',
                    'PUBLIC_URL is not set, so no QR codes or posters are made (a forged address could otherwise end up on them). Ask the system administrator to set PUBLIC_URL (e.g. https://pingyi.example.gov.cn) and restart.',
                  )}
            </p>
          )}
          {publicUrl && (
            <p className="muted">{t(lang, `二维码指向：${publicUrl}`, `QR codes point to: ${publicUrl}`)}</p>
          )}
          {canPrint && (
            <div className="qr-grid">
              {campaign.units.map((u) => (
                <figure key={u.id} className="qr-tile">
                  <img
                    src={`/api/campaigns/${campaign.id}/units/${u.id}/qr.svg`}
                    alt={u.name}
                    loading="lazy"
                    width={120}
                    height={120}
                  />
                  <figcaption>
                    <a href={`/r/${campaign.slug}/${u.code}`} target="_blank" rel="noreferrer">
                      {t(lang, u.name, u.nameEn)}
                    </a>
                    <br />
                    <a
                      className="muted"
                      href={`/api/campaigns/${campaign.id}/posters?unitId=${u.id}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t(lang, '打印海报', 'Poster')}
                    </a>
                  </figcaption>
                </figure>
              ))}
            </div>
          )}
          {batches.error ? <ErrorNote error={batches.error} /> : null}
        </Card>
      )}
    </>
  );
}
