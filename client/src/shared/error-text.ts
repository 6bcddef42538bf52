import { ApiError, NetworkError } from './api.ts';
import type { Lang } from './i18n.ts';

/** Chinese wording for the refusals people meet most; anything else shows the server's own message. */
const ZH: Record<string, string> = {
  invalid_credentials: '用户名或密码错误。',
  too_many_attempts: '登录尝试次数过多，请稍后再试。',
  weak_password: '密码太弱：至少10位，且不能包含用户名。',
  wrong_password: '当前密码不正确。',
  unauthorized: '请先登录。',
  forbidden: '您的账号没有此项权限。',
  campaign_frozen: '评议活动已开启，相关设置已冻结，不能修改。',
  results_published: '结果已通报，不能再剔除或恢复选票。',
  campaign_not_active: '评议活动已结束，不能再发放评议码。',
  rater_type_not_in_campaign: '本评议活动未设置该类评议主体。',
  unit_not_in_campaign: '该单位不在本次评议范围内。',
  not_found: '未找到相应内容。',
  invalid_request: '提交的内容有误：',
};

export function errorText(lang: Lang, error: unknown): string {
  if (error instanceof NetworkError)
    return lang === 'zh' ? '网络连接失败，请重试。' : 'No connection; please try again.';
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (lang === 'en') return error.message;
  const zh = ZH[error.code];
  if (!zh) return error.message;
  return zh.endsWith('：') ? `${zh}${error.message}` : zh;
}
