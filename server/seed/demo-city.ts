/**
 * The demo's fictional city, 青溪市 (Qingxi). Names are invented; any likeness to a real place is chance.
 * [code, 中文名, English name, category code]
 */
export const DEMO_CATEGORIES = [
  ['party', '党群部门', 'Party and mass organisations', true],
  ['government', '政府工作部门', 'Government departments', true],
  ['enforcement', '执法部门', 'Law-enforcement departments', true],
  ['window', '窗口服务单位', 'Front-line service units', true],
] as const;

export const DEMO_DEPARTMENTS = [
  ['D01', '市委办公室', 'Municipal Party Committee Office', 'party'],
  ['D02', '市委组织部', 'Organisation Department', 'party'],
  ['D03', '市委宣传部', 'Publicity Department', 'party'],
  ['D04', '市委统战部', 'United Front Work Department', 'party'],
  ['D05', '市总工会', 'Federation of Trade Unions', 'party'],
  ['D06', '团市委', 'Communist Youth League Committee', 'party'],
  ['D07', '市妇联', "Women's Federation", 'party'],
  ['D08', '市发展和改革委员会', 'Development and Reform Commission', 'government'],
  ['D09', '市教育局', 'Education Bureau', 'government'],
  ['D10', '市科学技术局', 'Science and Technology Bureau', 'government'],
  ['D11', '市工业和信息化局', 'Industry and Information Technology Bureau', 'government'],
  ['D12', '市民政局', 'Civil Affairs Bureau', 'government'],
  ['D13', '市财政局', 'Finance Bureau', 'government'],
  ['D14', '市人力资源和社会保障局', 'Human Resources and Social Security Bureau', 'government'],
  ['D15', '市自然资源和规划局', 'Natural Resources and Planning Bureau', 'government'],
  ['D16', '市住房和城乡建设局', 'Housing and Urban-Rural Development Bureau', 'government'],
  ['D17', '市农业农村局', 'Agriculture and Rural Affairs Bureau', 'government'],
  ['D18', '市商务局', 'Commerce Bureau', 'government'],
  ['D19', '市卫生健康委员会', 'Health Commission', 'government'],
  ['D20', '市公安局', 'Public Security Bureau', 'enforcement'],
  ['D21', '市市场监督管理局', 'Market Regulation Administration', 'enforcement'],
  ['D22', '市生态环境局', 'Ecology and Environment Bureau', 'enforcement'],
  ['D23', '市交通运输局', 'Transport Bureau', 'enforcement'],
  ['D24', '市城市管理综合执法局', 'Urban Management Law-Enforcement Bureau', 'enforcement'],
  ['D25', '市应急管理局', 'Emergency Management Bureau', 'enforcement'],
  ['D26', '市政务服务中心', 'Government Service Centre', 'window'],
  ['D27', '市不动产登记中心', 'Real Estate Registration Centre', 'window'],
  ['D28', '市医疗保障局', 'Healthcare Security Bureau', 'window'],
  ['D29', '市住房公积金管理中心', 'Housing Provident Fund Centre', 'window'],
  ['D30', '市12345政务服务便民热线中心', '12345 Citizen Service Hotline Centre', 'window'],
] as const;

/** 市领导: the superior raters, who also read the results. */
export const DEMO_LEADERS = [
  ['leader01', '王建国（市委书记）'],
  ['leader02', '李明华（市长）'],
  ['leader03', '张卫东（市委副书记）'],
  ['leader04', '刘志强（常务副市长）'],
  ['leader05', '陈晓燕（副市长）'],
  ['leader06', '杨光辉（副市长）'],
  ['leader07', '赵海涛（副市长）'],
  ['leader08', '黄丽萍（市委秘书长）'],
  ['leader09', '周文斌（市纪委书记）'],
  ['leader10', '吴振华（市委组织部部长）'],
  ['leader11', '徐红梅（市人大常委会副主任）'],
  ['leader12', '孙国庆（市政协副主席）'],
] as const;

export const DEMO_COMMENTS = [
  '窗口工作人员很耐心，一次就办好了。',
  '排队时间有点长，希望增加窗口。',
  '材料要求没有一次性说清楚，跑了两趟。',
  '服务热情，效率很高，点赞！',
  '电话一直打不通，希望改进。',
  '网上办理很方便，不用跑腿。',
  '工作人员态度冷淡，问问题爱答不理。',
  '',
] as const;
