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
