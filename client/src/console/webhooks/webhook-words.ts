import type { WebhookEventType } from '../../../../server/webhooks/webhook-events.ts';

/** Each event type's name in both languages, in the order the server lists them. */
export const EVENT_WORDS: Readonly<Record<WebhookEventType, readonly [string, string]>> = {
  'campaign.opened': ['评议活动开始', 'Campaign opened'],
  'campaign.closed': ['评议活动结束', 'Campaign closed'],
  'campaign.published': ['评议结果通报', 'Results published'],
  'ballots.hourly': ['每小时参评总数（不分单位和评议主体）', 'Ballots per hour (campaign totals only)'],
  'problem.filed': ['问题备案', 'Problem filed'],
  'problem.closed': ['问题销号', 'Problem closed'],
  'problem.overdue': ['问题整改逾期', 'Problem overdue'],
  'visit.recorded': ['三遍访走访记录', 'Visit recorded'],
  'visit.feedback_overdue': ['走访问题反馈逾期', 'Visit feedback overdue'],
};

export const EVENT_TYPES = Object.keys(EVENT_WORDS) as WebhookEventType[];

export const DELIVERY_STATUS_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  pending: ['待推送/重试中', 'Pending'],
  succeeded: ['成功', 'Delivered'],
  failed: ['失败', 'Failed'],
};
