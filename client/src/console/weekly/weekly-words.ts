// The words of the weekly reports in both languages: statuses and the figures of a week.
import type { ResponseOf } from '../../shared/api.ts';
import { type api } from '../../shared/api.ts';

type Words = readonly [zh: string, en: string];

export type WeeklyReport = ResponseOf<(typeof api)['weekly-reports'][':week']['units'][':unitId']['$get']>;
export type WeeklyStatus = WeeklyReport['status'];
export type WeeklyFigures = WeeklyReport['summary']['figures'];

export const STATUS_WORDS: Record<WeeklyStatus, Words> = {
  on_time: ['按时报送', 'On time'],
  late: ['逾期报送', 'Late'],
  draft: ['草稿未报', 'Draft'],
  missing: ['未报送', 'Missing'],
};

/** The figures a report shows, in the order of a problem's life. */
export const FIGURE_WORDS: readonly (readonly [keyof WeeklyFigures, string, string])[] = [
  ['created', '新增问题', 'New'],
  ['submitted', '提交审核', 'Submitted'],
  ['filed', '审核备案', 'Filed'],
  ['started', '开始整改', 'Started'],
  ['progress', '进展更新', 'Progress notes'],
  ['claimed', '申请销号', 'Claimed'],
  ['closed', '销号', 'Closed'],
  ['closedOnTime', '按期销号', 'Closed on time'],
  ['reopened', '重新整改', 'Reopened'],
  ['explained', '解释说明', 'Explained'],
  ['extended', '延期', 'Extended'],
  ['overdue', '逾期未完成', 'Overdue'],
  ['inboxReceived', '收到问题反映', 'Inbox received'],
  ['inboxAnswered', '答复问题反映', 'Inbox answered'],
];
