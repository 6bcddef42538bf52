import { api } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { Link } from '../shared/router.ts';
import type { Me } from './ConsoleApp.tsx';
import { Card, ErrorNote, formatTime, Loading, StatusBadge } from './ui.tsx';
import { useApi } from './use-api.ts';

export default function CampaignListPage({ me }: { me: Me }) {
  const lang = useLang();
  const campaigns = useApi(() => api.campaigns.$get(), []);
  const admin = me.role === 'admin';
  return (
    <Card
      title={t(lang, '评议活动', 'Evaluation campaigns')}
      actions={
        admin && (
          <Link to="/console/campaigns/new" className="button-primary">
            {t(lang, '新建评议活动', 'New campaign')}
          </Link>
        )
      }
    >
      <ErrorNote error={campaigns.error} />
      {!campaigns.data && !campaigns.error && <Loading />}
      {campaigns.data && (
        <table className="data">
          <thead>
            <tr>
              <th>{t(lang, '名称', 'Name')}</th>
              <th>{t(lang, '状态', 'Status')}</th>
              <th>{t(lang, '开始', 'Starts')}</th>
              <th>{t(lang, '结束', 'Ends')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {campaigns.data.campaigns.map((c) => (
              <tr key={c.id}>
                <td>
                  {admin ? (
                    <Link to={`/console/campaigns/${c.id}`}>{t(lang, c.name, c.nameEn)}</Link>
                  ) : (
                    t(lang, c.name, c.nameEn)
                  )}
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{formatTime(c.startsAt, lang)}</td>
                <td>{formatTime(c.endsAt, lang)}</td>
                <td>
                  {(c.status === 'published' || c.status === 'archived') && (
                    <>
                      <a href={`/p/${c.slug}`}>{t(lang, '查看通报', 'Publication')}</a>
                      {me.role === 'unit_staff' && (
                        <>
                          {' · '}
                          <Link to={`/console/reports/${c.slug}`}>{t(lang, '本单位评议报告', "My unit's report")}</Link>
                        </>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
            {campaigns.data.campaigns.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t(lang, '还没有评议活动。', 'No campaigns yet.')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </Card>
  );
}
