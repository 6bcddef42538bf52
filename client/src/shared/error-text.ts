import { ApiError, NetworkError } from './api.ts';
import type { Lang } from './i18n.ts';

/** Chinese wording for the refusals people meet most; anything else shows the server's own message. */
const ZH: Record<string, string> = {
  invalid_credentials: '用户名或密码错误。',
  proof_of_work_required: '近期登录失败较多，安全验证未完成，请重试。',
  proof_of_work_failed: '安全验证未能完成，请重试。',
  account_disabled: '此账号已被评议办停用。',
  one_time_password_expired: '一次性密码已过期，请联系评议办重新发放。',
  password_change_required: '请先修改一次性密码。',
  cannot_disable_self: '不能停用自己的账号。',
  public_url_missing:
    '尚未设置系统对外访问地址（PUBLIC_URL），不能生成二维码、海报或短信链接。请联系系统管理员设置后重启。',
  weak_password: '密码太弱：至少10位，且不能包含用户名。',
  wrong_password: '当前密码不正确。',
  unauthorized: '请先登录。',
  forbidden: '您的账号没有此项权限。',
  campaign_frozen: '评议活动已开启，相关设置已冻结，不能修改。',
  results_published: '结果已通报，不能再剔除或恢复选票。',
  flagged_unreviewed: '还有被标记的选票尚未审核，请先到"质量审核"处理，或确认按现状通报。',
  archive_unpublished: '本次评议的结果尚未发布：归档后将永远不能发布。请先发布通报，或选择"不发布，直接归档"。',
  campaign_not_active: '评议活动已结束，不能再发放评议码。',
  rater_type_not_in_campaign: '本评议活动未设置该类评议主体。',
  unit_not_in_campaign: '该单位不在本次评议范围内。',
  not_found: '未找到相应内容。',
  invalid_request: '提交的内容有误：',
  sms_not_configured:
    '未配置短信网关：短信不会发送，也未发放评议码。请在部署时设置 SMS_PROVIDER（见部署文档 docs/deploy.md）。',
  invalid_phone:
    '号码有误或重复：请每行填写一个11位手机号（或以+开头的国际号码），同一号码只填一次。未发放任何评议码。',
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
