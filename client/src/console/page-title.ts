import { t, type Lang } from '../shared/i18n.ts';

/** Each console path's section, as its page's one h1 and the window title: [pattern, 中文, English]. */
const TITLES: [RegExp, string, string][] = [
  [/^\/?$/, '评议活动', 'Campaigns'],
  [/^\/campaigns\/new$/, '新建评议活动', 'New campaign'],
  [/^\/campaigns\/\d+\/edit$/, '编辑评议活动', 'Edit campaign'],
  [/^\/campaigns\/\d+/, '评议活动详情', 'Campaign'],
  [/^\/units/, '单位管理', 'Units'],
  [/^\/categories/, '单位类别', 'Unit categories'],
  [/^\/questionnaires/, '问卷', 'Questionnaires'],
  [/^\/users/, '账号', 'Accounts'],
  [/^\/password/, '修改密码', 'Change password'],
  [/^\/reports/, '评议报告', 'Evaluation report'],
  [/^\/problems\/new$/, '新增问题', 'New problem'],
  [/^\/problems\/\d+$/, '问题详情', 'Problem'],
  [/^\/problems/, '整改台账', 'Rectification ledger'],
  [/^\/inbox/, '问题反映', 'Problem reports inbox'],
  [/^\/weekly/, '每周整改报告', 'Weekly reports'],
  [/^\/rectification\/settings$/, '整改设置', 'Rectification settings'],
  [/^\/rectification/, '整改统计', 'Rectification figures'],
  [/^\/webhooks/, '事件推送', 'Webhooks'],
];

export function consolePageTitle(path: string, lang: Lang): { heading: string; windowTitle: string } {
  const found = TITLES.find(([pattern]) => pattern.test(path));
  const heading = found ? t(lang, found[1], found[2]) : t(lang, '评议工作台', 'Console');
  return { heading, windowTitle: t(lang, `${heading} · 评议工作台`, `${heading} · Pingyi console`) };
}
