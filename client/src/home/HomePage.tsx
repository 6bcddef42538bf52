import { useEffect, useState } from 'react';
import { api, call, type ResponseOf } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { STATUS_LABEL } from '../shared/labels.ts';
import { Link } from '../shared/router.ts';

type CampaignDetail = ResponseOf<(typeof api.campaigns)[':id']['$get']>;

/** The landing page: campaigns with their rating links, so a first-time visitor can try the demo at once. */
export default function HomePage() {
  const lang = useLang();
  const [campaigns, setCampaigns] = useState<CampaignDetail[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    call(api.campaigns.$get())
      .then(({ campaigns: list }) =>
        Promise.all(list.map((c) => call(api.campaigns[':id'].$get({ param: { id: String(c.id) } })))),
      )
      .then(setCampaigns)
      .catch(() => setFailed(true));
  }, []);

  return (
    <main className="page">
      <header className="page-header">
        <h1>{t(lang, '评议 · 机关作风三评议平台', 'Pingyi · work-style evaluation platform')}</h1>
        <LangSwitch />
      </header>
      <nav className="home-entries" aria-label={t(lang, '入口', 'Entrances')}>
        <Link to="/code" className="home-entry">
          <span className="home-entry-title">{t(lang, '我有评议码', 'I have an access code')}</span>
          <span className="home-entry-text">
            {t(
              lang,
              '上级领导、同级部门凭评议码参加评议，匿名，限用一次。',
              'Leaders and peer units rate with the code they were given: anonymous, once.',
            )}
          </span>
        </Link>
        <Link to="/login" className="home-entry">
          <span className="home-entry-title">{t(lang, '评议办登录', 'Office sign-in')}</span>
          <span className="home-entry-text">
            {t(
              lang,
              '评议办、领导和单位联络员登录工作台：设置评议、发放评议码、查看结果。',
              'The evaluation office, leaders and unit staff sign in to the console: set up campaigns, issue codes, read results.',
            )}
          </span>
        </Link>
        <Link to="/ledger" className="home-entry">
          <span className="home-entry-title">{t(lang, '整改台账', 'Rectification ledger')}</span>
          <span className="home-entry-text">
            {t(
              lang,
              '各单位审核备案的问题、整改措施、责任人、时限和销号情况，向社会公开。',
              "Each unit's filed problems with their measures, people responsible, deadlines and closings, in public.",
            )}
          </span>
        </Link>
        <Link to="/weekly" className="home-entry">
          <span className="home-entry-title">{t(lang, '整改周周见', 'This week in rectification')}</span>
          <span className="home-entry-text">
            {t(
              lang,
              '每周一晒：本周各单位新备案、整改进展和销号情况，可打印、可订阅。',
              'Every week: what each unit filed, progressed and closed; printable, with a feed.',
            )}
          </span>
        </Link>
      </nav>
      {failed && <p className="notice notice-warn">{t(lang, '无法连接服务器。', 'Cannot reach the server.')}</p>}
      {!campaigns && !failed && <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>}
      {campaigns?.map((campaign) => (
        <section key={campaign.id} className="card">
          <h2>
            {t(lang, campaign.name, campaign.nameEn)}{' '}
            <span className={`badge badge-${campaign.status}`}>
              {t(lang, ...(STATUS_LABEL[campaign.status] ?? [campaign.status, campaign.status]))}
            </span>
          </h2>
          <p>
            <a href={`/results/${campaign.id}`}>{t(lang, '查看实时统计', 'Live figures')}</a>
            {' · '}
            <a href="/api/docs">{t(lang, '接口文档', 'API reference')}</a>
          </p>
          <h3>{t(lang, '服务对象评议入口（扫码链接）', 'Service-recipient rating links (QR targets)')}</h3>
          <ul className="unit-links">
            {campaign.units.map((unit) => (
              <li key={unit.id}>
                <a href={`/r/${campaign.slug}/${unit.code}`}>{t(lang, unit.name, unit.nameEn)}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
