import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { useApi } from '../use-api.ts';

type Totals = { kinds: readonly { kind: string; total: number }[] };

const totalOf = (reports: Totals | null, kind: string) => reports?.kinds.find((k) => k.kind === kind)?.total ?? 0;

/**
 * Phones that could not open the campaign's rating page (the boot script's reports, issue 18), and those
 * of no known campaign (the code-entry page, a mistyped link), over the last 30 days. Shown only when
 * there are any: most campaigns never have one. A failure to load it shows nothing either; it is a hint.
 */
export function PageReportsNote({ campaignId }: { campaignId: number }) {
  const lang = useLang();
  const own = useApi(
    () => api.campaigns[':id']['page-reports'].$get({ param: { id: String(campaignId) } }),
    [campaignId],
  );
  const unattributed = useApi(() => api['page-reports'].$get(), []);
  const tooOld = totalOf(own.data, 'too-old');
  const fellBack = totalOf(own.data, 'modern-failed');
  const elsewhere = totalOf(unattributed.data, 'too-old');
  const failed = tooOld > 0 || elsewhere > 0;
  if (!failed && fellBack === 0) return null;
  return (
    <div
      className={failed ? 'notice notice-warn page-reports' : 'notice page-reports'}
      data-testid="page-reports"
      role="status"
    >
      {tooOld > 0 && (
        <p>
          {t(
            lang,
            `近30天有 ${tooOld} 次因手机浏览器版本过低未能打开本次评议页面。`,
            `In the last 30 days the rating page of this campaign failed to open ${tooOld} time(s) because the phone's browser was too old.`,
          )}
        </p>
      )}
      {elsewhere > 0 && (
        <p>
          {tooOld > 0
            ? t(
                lang,
                `另有 ${elsewhere} 次发生在未关联具体评议的页面（如输入评议码页面）。`,
                `Another ${elsewhere} time(s) on pages of no particular campaign (such as the code entry page).`,
              )
            : t(
                lang,
                `近30天有 ${elsewhere} 次因手机浏览器版本过低未能打开评议页面（未关联具体评议，如输入评议码页面）。`,
                `In the last 30 days a rating page failed to open ${elsewhere} time(s) because the phone's browser was too old (on pages of no particular campaign, such as the code entry page).`,
              )}
        </p>
      )}
      {failed && (
        <p className="muted">
          {t(
            lang,
            '建议受访者用手机自带浏览器打开链接，或将微信更新到最新版本。',
            "Suggest that people open the link in their phone's own browser, or update WeChat.",
          )}
        </p>
      )}
      {fellBack > 0 && (
        <p className="muted">
          {t(
            lang,
            `另有 ${fellBack} 次手机未能加载标准版页面，已自动改用兼容版，可以正常评议。`,
            `${fellBack} time(s) a phone could not load the standard page and switched to the compatible version automatically; it could still rate.`,
          )}
        </p>
      )}
    </div>
  );
}
