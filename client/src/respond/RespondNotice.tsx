import { answerProblemsText } from '../shared/answer-problem-text.ts';
import { ApiError, NetworkError } from '../shared/api.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';
import { Link } from '../shared/router.ts';
import type { OpenLimit } from './rating-session.ts';
import { shortMoment } from './RespondReceipt.tsx';

/** Plain-language pages for every way a rating can fail to open or send. */
function explain(lang: Lang, error: ApiError | NetworkError): { title: string; body: string } {
  if (error instanceof NetworkError) {
    return {
      title: t(lang, '网络连接不畅', 'No connection'),
      body: t(
        lang,
        '暂时无法打开评议。请检查网络后点“重试”。',
        'The rating cannot be opened right now. Check the connection and tap Retry.',
      ),
    };
  }
  switch (error.code) {
    case 'campaign_closed':
      return {
        title: t(lang, '本次评议已结束', 'This evaluation has closed'),
        body: error.published
          ? t(lang, '感谢关注，评议结果已经通报。', 'Thank you; the results have been published.')
          : t(
              lang,
              '感谢关注，评议结果将由评议办统一公布，请留意通知。',
              'Thank you; the evaluation office will publish the results. Watch for its notice.',
            ),
      };
    case 'open_rating_disabled':
      return {
        title: t(lang, '本次评议凭评议码参加', 'This evaluation is by access code'),
        body: t(
          lang,
          '请使用评议办发放的评议码，在“评议码”页面输入后评价。',
          'Use the access code the evaluation office gave you, on the access code page.',
        ),
      };
    case 'campaign_not_started':
      return {
        title: t(lang, '本次评议尚未开始', 'This evaluation has not started yet'),
        body: t(lang, '请在评议开始后再扫码。', 'Please scan again once it has started.'),
      };
    case 'not_found':
      return {
        title: t(lang, '链接无效', 'This link is not valid'),
        body: t(lang, '请核对二维码或链接是否完整。', 'Check that the QR code or link is complete.'),
      };
    case 'code_spent':
      return {
        title: t(lang, '评议码已使用', 'This code has been used'),
        body: t(lang, '每个评议码只能提交一次。', 'Each code can be used once only.'),
      };
    case 'rating_limit_reached':
      return {
        title: t(lang, '您已评价过，谢谢！', 'You have already rated, thank you!'),
        body: t(
          lang,
          '同一手机对同一单位的评价次数有限，请稍后再评。',
          'Each phone can rate a unit a limited number of times; please try again later.',
        ),
      };
    case 'code_not_found':
      return {
        title: t(lang, '评议码无效', 'This code is not valid'),
        body: t(lang, '请核对评议码的字母和数字后重试。', 'Check the letters and digits and try again.'),
      };
    case 'proof_of_work_required':
    case 'proof_of_work_failed':
      return {
        title: t(lang, '安全验证未完成', 'The security check did not finish'),
        body: t(
          lang,
          '此网络近期输错评议码较多，需要先完成安全验证。请重试；如仍不行，请换用手机流量或联系评议办。',
          'Many wrong codes came from this network lately, so a security check is needed. Try again, or use mobile data, or contact the evaluation office.',
        ),
      };
    case 'code_voided':
      return {
        title: t(lang, '评议码已作废', 'This code has been withdrawn'),
        body: t(lang, '请联系评议办获取新的评议码。', 'Ask the evaluation office for a new code.'),
      };
    case 'invalid_answers':
      return {
        title: t(lang, '答案不符合问卷要求', 'Some answers are not accepted'),
        body: answerProblemsText(lang, error.problems),
      };
    default:
      return {
        title: t(lang, '暂时无法提交', 'Cannot continue right now'),
        body: t(lang, OTHER_REFUSALS[error.code] ?? '请稍后再试；如仍不行，请联系评议办。', error.message),
      };
  }
}

/**
 * The rarer refusals a respondent can meet, in Chinese (the English UI shows the server's sentence). The
 * console's full table (shared/error-text.ts) is not loaded here, to keep the phone page light.
 */
const OTHER_REFUSALS: Readonly<Record<string, string>> = {
  questionnaire_changed: '问卷已更新，请刷新页面后重新填写。',
  token_invalid: '本次评议的凭证无效，请重新输入评议码。',
  campaign_settings_invalid: '本次评议的设置有误，暂时无法提交，请联系评议办。',
  invalid_request: '提交的内容无法识别，请刷新页面后重试。',
  too_many_requests: '操作过于频繁，请稍后再试。',
  payload_too_large: '填写的内容太多，请删减后再提交。',
  insecure_context: '评议码须在安全连接（https:// 开头的地址）下使用，此地址不是。请联系评议办确认链接。',
};

interface RespondNoticeProps {
  error: ApiError | NetworkError;
  onRetry?: () => void;
  onEdit?: () => void;
  /** The campaign of a QR link, to link a closed one to its published results. */
  campaignSlug?: string;
}

export function RespondNotice({ error, onRetry, onEdit, campaignSlug }: RespondNoticeProps) {
  const lang = useLang();
  const { title, body } = explain(lang, error);
  const retryable = error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
  return (
    <section
      className="notice notice-warn"
      role="alert"
      data-testid="notice"
      data-code={error instanceof ApiError ? error.code : 'network'}
    >
      <h2>{title}</h2>
      <p>{body}</p>
      {retryable && onRetry && (
        <button type="button" className="button-primary" onClick={onRetry}>
          {t(lang, '重试', 'Retry')}
        </button>
      )}
      {error instanceof ApiError && error.code === 'campaign_closed' && error.published && campaignSlug && (
        <Link to={`/p/${encodeURIComponent(campaignSlug)}`} className="button-primary">
          {t(lang, '查看评议结果通报', 'See the published results')}
        </Link>
      )}
      {error instanceof ApiError && error.code === 'open_rating_disabled' && (
        <Link to="/code" className="button-primary">
          {t(lang, '输入评议码', 'Enter an access code')}
        </Link>
      )}
      {error instanceof ApiError && error.code === 'invalid_answers' && onEdit && (
        <button type="button" className="button-primary" onClick={onEdit}>
          {t(lang, '返回修改', 'Edit my answers')}
        </button>
      )}
    </section>
  );
}

/** "every 24 hours", "every 3 days": the window of the per-device limit in words. */
function perWindow(lang: Lang, hours: number): string {
  if (hours % 24 === 0) {
    const days = hours / 24;
    return days === 1 ? t(lang, '每天', 'a day') : t(lang, `每${days}天`, `every ${days} days`);
  }
  return t(lang, `每${hours}小时`, `every ${hours} hours`);
}

function whenAgain(lang: Lang, retryAfterSeconds: number): string {
  return shortMoment(lang, new Date(Date.now() + retryAfterSeconds * 1000));
}

/** Why this device may not rate the unit again now, and when it may: what the ballot would be refused for. */
export function limitText(lang: Lang, limit: NonNullable<OpenLimit>): string {
  const again = limit.retryAfterSeconds === null ? '' : whenAgain(lang, limit.retryAfterSeconds);
  if (limit.reachedBy === 'address') {
    return t(
      lang,
      `此网络（如服务大厅的无线网络）刚刚提交的评价较多，请于 ${again} 后再评，或换用手机流量。`,
      `Many ratings came from this network (a service hall's Wi-Fi, say) just now. Try again after ${again}, or use mobile data.`,
    );
  }
  const { max, windowHours } = limit.perDevice;
  return t(
    lang,
    `同一部手机对同一单位${perWindow(lang, windowHours)}最多评价 ${max} 次。您可在 ${again} 后再次评价。`,
    `One phone can rate a unit ${max} time(s) ${perWindow(lang, windowHours)}. You can rate it again after ${again}.`,
  );
}

/** Shown instead of the form when the limits already refuse this device's next ballot. */
export function RespondLimitNotice({ limit }: { limit: NonNullable<OpenLimit> }) {
  const lang = useLang();
  return (
    <section className="notice notice-warn" role="alert" data-testid="notice" data-code="rating_limit_reached">
      <h2>
        {limit.reachedBy === 'address'
          ? t(lang, '请稍后再评', 'Please try again later')
          : t(lang, '您已评价过，谢谢！', 'You have already rated, thank you!')}
      </h2>
      <p>{limitText(lang, limit)}</p>
    </section>
  );
}
