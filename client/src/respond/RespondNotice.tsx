import { ApiError, NetworkError } from '../shared/api.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';

/** Plain-language pages for every way a rating can fail to open or send. */
function explain(lang: Lang, error: ApiError | NetworkError): { title: string; body: string } {
  if (error instanceof NetworkError) {
    return {
      title: t(lang, '网络连接不畅', 'No connection'),
      body: t(
        lang,
        '您的评价已保存在本机。请检查网络后点“重试”，不会重复计票。',
        'Your answers are kept on this phone. Check the connection and tap Retry; it will not be counted twice.',
      ),
    };
  }
  switch (error.code) {
    case 'campaign_closed':
      return {
        title: t(lang, '本次评议已结束', 'This evaluation has closed'),
        body: t(lang, '感谢关注，评议结果将按规定公布。', 'Thank you; the results will be published.'),
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
      return { title: t(lang, '答案不符合问卷要求', 'Some answers are not accepted'), body: error.message };
    default:
      return { title: t(lang, '暂时无法提交', 'Cannot continue right now'), body: error.message };
  }
}

interface RespondNoticeProps {
  error: ApiError | NetworkError;
  onRetry?: () => void;
  onEdit?: () => void;
}

export function RespondNotice({ error, onRetry, onEdit }: RespondNoticeProps) {
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
      {error instanceof ApiError && error.code === 'invalid_answers' && onEdit && (
        <button type="button" className="button-primary" onClick={onEdit}>
          {t(lang, '返回修改', 'Edit my answers')}
        </button>
      )}
    </section>
  );
}
