import type { ErrorCode } from '../../../server/errors.ts';
import { ApiError, NetworkError } from './api.ts';
import type { Lang } from './i18n.ts';
import { problemText, serverProblems, type ProblemFamily } from './problem-text.ts';

/** Codes only the client makes (proof-of-work.ts), beside the server's (ERROR_CODES). */
type ClientErrorCode = 'proof_of_work_failed';

/**
 * Chinese wording for every refusal the server can give (`satisfies` makes a code of ERROR_CODES without
 * words a type error). The English UI shows the server's own message.
 */
const ZH = {
  invalid_credentials: '用户名或密码错误。',
  proof_of_work_required: '近期登录失败较多，安全验证未完成，请重试。',
  proof_of_work_failed: '安全验证未能完成，请重试。',
  account_disabled: '此账号已被评议办停用。',
  one_time_password_expired: '一次性密码已过期，请联系评议办重新发放。',
  password_change_required: '请先修改一次性密码。',
  cannot_disable_self: '不能停用自己的账号。',
  public_url_missing:
    '尚未设置系统对外访问地址（PUBLIC_URL），不能生成二维码、海报或短信链接。请联系系统管理员设置后重启。',
  weak_password: '新密码不符合要求：至少10位，不能包含用户名，且须与当前密码不同。',
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
  invalid_request: '提交的内容有误，请检查后重试。',
  sms_not_configured:
    '未配置短信网关：短信不会发送，也未发放评议码。请在部署时设置 SMS_PROVIDER（见部署文档 docs/deploy.md）。',
  invalid_phone:
    '号码有误或重复：请每行填写一个11位手机号（或以+开头的国际号码），同一号码只填一次。未发放任何评议码。',
  category_code_taken: '已有类别使用这个编码，请换一个。',
  category_in_use: '该类别仍在使用，不能删除：请先把其下的单位改到其他类别；评议活动用过的类别须保留，供其结果使用。',
  too_many_codes: '一次生成的评议码太多，请减少每个单位的数量。未发放任何评议码。',
  no_units_in_scope: '本评议活动范围内没有可用的单位，无法发放同级部门评议码。',
  ballots_not_reviewable: '所选选票中有的已不存在或未被标记，未做任何更改。请刷新后重试。',
  review_filter_too_narrow:
    '筛选出的评议少于本活动服务对象评议的最少份数：为保护评议人，这么少的评议请逐份审核。未做任何更改。',
  review_set_changed: '预览之后又有评议到达或被审核，筛选结果已变化，未做任何更改。请重新预览后再确认。',
  review_set_too_large: '一次按筛选审核的评议太多，请缩小筛选范围。未做任何更改。',
  bad_request: '请求有误，请刷新页面后重试。',
  method_not_allowed: '不支持此操作。',
  too_many_requests: '操作过于频繁，请稍后再试。',
  payload_too_large: '提交的内容太大，请减少后重试。',
  unsupported_media_type: '提交的内容格式不对，请刷新页面后重试。',
  client_aborted: '请求已取消。',
  client_not_built: '网页文件尚未生成，请联系系统管理员。',
  internal_error: '服务器出现意外错误，请稍后重试；如仍不行，请联系系统管理员。',
  invalid_host: '访问地址不被接受，请使用评议办提供的网址。',
  database_unavailable: '数据库暂时无法访问，请稍后重试。',
  cross_site_request: '不接受来自其他网站的请求，请从本系统页面操作。',
  campaign_closed: '本次评议已结束。',
  campaign_not_started: '本次评议尚未开始。',
  campaign_not_closed: '评议活动尚未结束，请先结束评议再发布通报。',
  campaign_incomplete: '评议活动尚不完整，暂不能开启：',
  campaign_settings_invalid: '本次评议的设置有误，暂不能评议，请联系评议办。',
  invalid_transition: '评议活动当前的状态不允许此操作，请刷新后重试。',
  invalid_window: '结束时间须晚于开始时间。',
  invalid_units: '评议范围未修改：所选单位中有的不存在或已停用，请重新选择。',
  invalid_rater_types: '评议主体未修改：所选问卷不存在，或不是为该类评议主体编写的。',
  invalid_settings: '设置未保存：有设置不符合要求，请按提示修改。',
  setting_moved:
    '设置未保存：有设置放在了旧的位置。最少有效票数请在“评议主体与问卷”中设置，类别是否排名请在“评议范围”中选择。',
  category_not_in_scope: '所选类别在评议范围内没有单位，请先设置评议范围。',
  slug_taken: '已有其他评议活动使用此链接标识，请换一个。',
  scoring_settings_invalid: '计分规则有误，无法计算结果：',
  scoring_settings_missing:
    '尚未设置计分规则（各类评议主体的权重），不能按默认规则发布通报。请先在活动设置中设置计分规则。',
  results_after_close: '评议结束后才能计算结果，请先结束评议。',
  results_mismatch: '实时统计与全面复核的结果不一致，未发布通报。请联系系统管理员检查。',
  publication_conflict: '同一时间另有一次发布正在保存，请刷新后重试。',
  not_published: '本次评议的结果尚未通报。',
  invalid_notice: '通报未发布：通报文字有需要填写或修改之处。',
  code_not_found: '评议码无效，请核对字母和数字后重试。',
  code_spent: '此评议码已使用，每个评议码只能提交一次。',
  code_voided: '此评议码已被评议办作废，请联系评议办获取新的评议码。',
  token_invalid: '评议凭证无效，请重新输入评议码打开评议。',
  invalid_token_request: '评议凭证未能签发，请刷新页面后重试。',
  open_rating_disabled: '本次评议只接受凭评议码评议，请向评议办索取评议码。',
  rating_limit_reached: '您已评价过该单位，谢谢！同一手机的评价次数有限，请稍后再评。',
  questionnaire_changed: '问卷已更新，请刷新页面后重新填写。',
  invalid_answers: '有的答案不符合问卷要求，请返回修改。',
  problem_report_too_long: '问题反映的内容太长，请删减后再提交。',
  problem_wrong_state: '问题当前所处的环节不能进行此项操作，请刷新后查看。',
  note_required: '此项操作须填写说明（理由、进展或整改情况）。',
  problem_incomplete: '问题信息不完整：提交前须填写整改措施、责任人和整改时限。',
  problem_not_editable: '问题已审核备案，内容不能再修改；进展请以"更新进展"方式记录。',
  unit_required: '单位账号须选择所属单位。',
  username_taken: '该用户名已被使用，请换一个。',
  unit_not_found: '所选单位不存在，请刷新后重试。',
  unit_code_taken: '已有单位使用这个编码，请换一个。',
  unit_code_frozen: '该单位已在评议活动中使用，其二维码和名单都印有此编码，编码不能修改。',
  unit_has_sub_units: '该单位下还有下级单位，请先移走或删除下级单位。',
  unit_in_use: '该单位已被评议活动、账号或评议码使用，不能删除；可改为停用。',
  unknown_category: '所选类别不存在，请刷新后重试。',
  invalid_week: '周次有误：请选择某一周的星期一（年-月-日）。',
  sms_template_missing:
    '尚未配置周报提醒的短信模板（SMS_WEEKLY_TEMPLATE_ID），短信未发送：请使用站内提醒，或联系系统管理员配置（见部署文档 docs/deploy.md）。',
  invalid_mobile: '手机号有误：请填写11位中国大陆手机号（可带空格或短横线），不登记请留空。',
  weekly_progress_required: '请先填写“本周进展”，再提交周报。',
  weekly_report_submitted: '本周报告已经提交，不能再修改：如需更正，请在下周报告中说明。',
  week_in_future: '这一周还没有开始，没有整改周周见。',
  webhook_url_refused:
    '接收地址不被接受：须为加密传输的地址；不加密的地址仅限本机或内网，且须由系统管理员开启 WEBHOOKS_ALLOW_HTTP。',
  webhook_delivery_pending: '这条推送仍在重试中，待成功或失败后才能重新推送。',
  integration_name_taken: '已有同名的对接系统，请换一个名称。',
  integration_secret_invalid: '对接密钥无效或已停用，请向评议办索取新的密钥。',
  hotline_problem_unknown: '没有这个问题编号，请核对后重试。',
  hotline_problem_not_handed_off: '这个问题没有转12345，不能回传办理情况。',
  unknown_campaign: '所选评议活动不存在，请刷新后重试。',
  unknown_problem_type: '所选问题类型不存在或已停用，请刷新后重试。',
  deadline_not_later: '新的整改时限必须晚于原时限。',
  unknown_parent: '所选上级单位不存在，请刷新后重试。',
  tree_cycle: '单位不能放在自己或自己的下级单位之下。',
  sub_units_conflict: '此修改会使下级单位不符合层级规则，请先调整下级单位。',
  invalid_parent_level: '上级单位的层级不符合规则，请换一个上级单位。',
  parent_required: '此层级的单位须有上级单位。',
  inactive_parent: '上级单位已停用，请换一个上级单位。',
  empty_file: '文件中只有表头，没有单位。',
  file_too_large: '文件解压后的数据过多：请删除其他工作表、图片或带格式的空行后重试。',
  too_many_rows: '文件中的单位太多，请分批导入。',
  unreadable_file: '无法读取此文件：请用电子表格软件打开，另存为 .xlsx 格式后再试。',
  followup_not_found: '查询码不正确：请核对后重新输入（12位字母和数字，不区分大小写）。',
  followup_not_ratable: '整改尚未申请销号，现在还不能评价；单位申请销号后即可评价。',
  fix_already_rated: '您已对本次整改作出评价，每次整改只能评价一次。',
  evidence_empty: '没有选择文件，或所选文件是空的：请重新选择照片或PDF文件。',
  evidence_too_large: '文件太大：每个文件不能超过规定大小，请压缩照片或拆分PDF后重试。',
  evidence_too_many: '一次最多上传5个文件，请分批上传。',
  evidence_type_refused:
    '只能上传 JPEG、PNG、WebP 格式的照片或 PDF 文件：所选文件的实际内容不是这几种格式（与文件名无关）。',
  evidence_unavailable: '该文件在服务器上缺失或已损坏，请联系系统管理员。',
  evidence_unreadable: '该照片文件已损坏，无法读取：请重新拍摄或导出后再上传。',
  inbox_already_answered: '这条问题反映已经答复过了（可能是其他人刚刚答复）：请刷新后查看。',
  inbox_wrong_status: '这条问题反映的状态已变化，不能进行此操作：请刷新后查看。',
  merge_target_invalid: '只能并入本单位已提交的问题（草稿不行）：请核对问题编号。',
  unsupported_format: '这是旧版电子表格（.xls）文件：请打开后另存为 .xlsx 格式，或以 UTF-8 编码另存为 .csv 格式。',
  invalid_rows: '文件中有的行有问题，未导入任何单位。请按下面列出的问题修改后重试。',
  invalid_definition: '问卷无法使用，未保存：',
  definition_too_large: '问卷过大，未保存：',
  title_required: '请填写问卷标题。',
  version_conflict: '同一时间另有人保存了此问卷，请刷新后重试。',
  feedback_not_expected: '只有转交责任单位或转12345的问题需要反馈，且反馈日期不能早于走访日期。',
  not_team_member: '只有本服务队的队员（或作风办）可以登记本队的走访。',
  unknown_cadre: '所选走访干部的账号不存在，请刷新后重试。',
  unknown_team: '所选服务队不存在或已停用，请刷新后重试。',
  visit_conflict: '这份走访草稿已按其他内容提交过：请新建一条走访记录。',
  visit_edit_closed: '走访记录只能在登记后7天内修改。',
  visit_in_future: '日期不能晚于今天。',
  visit_problem_answered: '责任单位已答复（或12345已回复）该问题，不能再改其处理方式或责任单位。',
  visit_problem_not_accepted: '责任单位尚未把该问题纳入整改台账，暂不能发送评价整改的链接。',
  visit_target_outside: '走访对象不存在、已停用，或不在本服务队负责的乡镇和村（社区）内。',
  credit_code_taken: '已有企业使用这个统一社会信用代码，请核对；同一企业只登记一次。',
  household_label_taken: '该村（社区）已有同名的住户，请核对户主或门牌。',
  invalid_credit_code: '统一社会信用代码有误：请核对18位代码（不含I、O、S、V、Z），检查是否有字符输错。',
  not_a_township: '所选单位不是乡镇（街道），请选择层级为乡镇的单位。',
  team_name_taken: '已有同名的民情书记服务队，请换一个名称。',
  unknown_user: '所选账号不存在或已停用，请刷新后重新选择队员。',
  unknown_village: '所选村（社区）不存在，请刷新后重试。',
  village_name_taken: '该乡镇已有同名的村（社区），请换一个名称。',
  village_not_in_township: '所选村（社区）不属于该乡镇：请先选对乡镇，或把企业移到其他村（社区）。',
  visit_target_in_use: '该走访对象已有走访记录、住户、企业或服务队负责，不能删除；可改为停用。',
} satisfies Record<ErrorCode | ClientErrorCode, string>;

/** Refusals whose problems are listed after their words, and which list of problem codes they use. */
const LISTING: Partial<Record<string, { family: ProblemFamily; en: string }>> = {
  campaign_incomplete: { family: 'opening', en: 'The campaign cannot open yet:' },
  scoring_settings_invalid: { family: 'opening', en: 'The scoring rules cannot be used:' },
  invalid_answers: { family: 'answer', en: 'Some answers are not accepted:' },
  invalid_definition: { family: 'definition', en: 'The questionnaire cannot be used:' },
  definition_too_large: { family: 'definition', en: 'The questionnaire is too large:' },
};

/** Said when a code is not in the table (a newer server): never the server's English in the Chinese UI. */
export const GENERAL_ZH = '操作未能完成，请重试；如仍不行，请联系系统管理员。';

/** The words a code has in the Chinese UI, or none (then GENERAL_ZH is shown). */
export function chineseFor(code: string): string | undefined {
  return (ZH as Record<string, string>)[code];
}

/** The refusal's problems, each in the UI's language, or none when it lists none or its codes are unknown. */
function listedProblems(lang: Lang, error: ApiError): string[] {
  const listing = LISTING[error.code];
  if (!listing) return [];
  return serverProblems(error.problems).map((problem) => problemText(lang, listing.family, problem));
}

export function errorText(lang: Lang, error: unknown): string {
  if (error instanceof NetworkError)
    return lang === 'zh' ? '网络连接失败，请重试。' : 'No connection; please try again.';
  if (!(error instanceof ApiError)) {
    // A fault in the page itself: its text is for developers (the console shows it), not for the office.
    if (lang === 'zh') return GENERAL_ZH;
    return error instanceof Error ? error.message : String(error);
  }
  const listed = listedProblems(lang, error);
  if (lang === 'en') return listed.length > 0 ? `${LISTING[error.code]!.en} ${listed.join(' ')}` : error.message;
  const zh = chineseFor(error.code) ?? GENERAL_ZH;
  if (!zh.endsWith('：')) return zh;
  return listed.length > 0 ? `${zh}${listed.join('')}` : `${zh.slice(0, -1)}。`;
}
