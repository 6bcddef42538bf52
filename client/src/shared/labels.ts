/** Display names shared by every page: [中文, English]. */
export const RATER_LABEL: Record<string, [string, string]> = {
  superior: ['上级领导评', 'Superiors'],
  peer: ['同级部门评', 'Peer units'],
  recipient: ['服务对象评', 'Service recipients'],
};

export const STATUS_LABEL: Record<string, [string, string]> = {
  draft: ['筹备中', 'Draft'],
  open: ['进行中', 'Open'],
  closed: ['已结束', 'Closed'],
  published: ['已通报', 'Published'],
  archived: ['已归档', 'Archived'],
};

export const UNIT_LEVEL_LABEL: Record<'city' | 'county' | 'township' | 'department', [string, string]> = {
  city: ['市', 'City'],
  county: ['县（区）', 'County'],
  township: ['乡镇（街道）', 'Township'],
  department: ['部门', 'Department'],
};

/** Quality flags a ballot may carry (server/ballots/quality-flags.ts). */
export const FLAG_LABEL: Record<string, [string, string]> = {
  too_fast: ['填写过快', 'Filled too fast'],
  fill_time_missing: ['无填写时长', 'No fill time'],
  identical_pattern: ['所有单位评分相同', 'Same grade for every unit'],
  repeated_answers: ['短时间内重复相同答案', 'Same answers repeated'],
  burst: ['单位短时集中投票', 'Burst of votes for one unit'],
};
