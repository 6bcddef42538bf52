import type { ProblemSource } from '../db/schema.ts';

// The demo city's rectification ledger: invented problems of 青溪市's departments, each with the course it
// takes (its scenario). Names are invented; any likeness to a real person or case is chance.

export const DEMO_PROBLEM_TYPES = [
  ['形式主义', 'Formalism'],
  ['官僚主义', 'Bureaucratism'],
  ['营商环境', 'Business environment'],
  ['服务态度', 'Service attitude'],
  ['办事效率', 'Efficiency'],
  ['廉洁自律', 'Integrity'],
] as const;
export type DemoType = (typeof DEMO_PROBLEM_TYPES)[number][0];

/**
 * How a problem's life runs in the demo, from its creation some weeks ago to today: every move is made
 * through the one writer at its own time, so the timeline is what it would be.
 */
export type Scenario =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'filed'
  | 'filed_overdue'
  | 'in_progress'
  | 'overdue'
  | 'extended'
  | 'claimed'
  | 'reopened_by_office'
  | 'closed_on_time'
  | 'closed_late'
  | 'explained'
  | 'closed_rated'
  | 'reopened_by_raiser'
  | 'office_filed'
  | 'office_closed'
  // From a recipient's problem report in the unit's inbox (recent: within the demo campaign's three weeks).
  | 'inbox_submitted'
  | 'inbox_filed'
  | 'inbox_closed_rated'
  | 'inbox_claimed';

export interface DemoProblem {
  unit: string;
  scenario: Scenario;
  source: ProblemSource;
  type: DemoType;
  title: string;
  detail: string;
  measures: string;
  /** For `explained`: why the demand is not accepted. */
  explanation?: string;
}

const p = (
  unit: string,
  scenario: Scenario,
  source: ProblemSource,
  type: DemoType,
  title: string,
  detail: string,
  measures: string,
  explanation?: string,
): DemoProblem => ({ unit, scenario, source, type, title, detail, measures, ...(explanation ? { explanation } : {}) });

export const DEMO_PROBLEMS: readonly DemoProblem[] = [
  // 市政务服务中心 (D26): a demo account's unit, with a problem in every state.
  p(
    'D26',
    'draft',
    'self',
    '办事效率',
    '部分事项“一网通办”后仍要求提交纸质材料',
    '自查发现，企业开办等12个事项网上办理后，窗口仍要求补交纸质材料，群众“网上办、线下跑”。',
    '逐项梳理网办事项材料清单，取消重复提交的纸质材料，9个事项实现全程网办。',
  ),
  p(
    'D26',
    'submitted',
    'self',
    '服务态度',
    '午间休息时段窗口无人值守',
    '自查发现，12:00—13:30 部分窗口无人值守，群众需等候至下午上班。',
    '实行午间轮岗值守制度，综合窗口不间断受理。',
  ),
  p(
    'D26',
    'returned',
    'self',
    '形式主义',
    '整改台账以会代干、以文代改',
    '上半年整改台账中多项措施为“召开会议”“下发文件”，缺少可检验的结果。',
    '重新梳理整改措施，每项明确可量化的完成标准。',
  ),
  p(
    'D26',
    'filed',
    'visit',
    '办事效率',
    '企业投资项目审批材料重复提交',
    '走访企业时反映，同一项目在立项、规划、施工许可环节重复提交相同材料达7份。',
    '建立项目审批材料共享库，同一材料只提交一次。',
  ),
  p(
    'D26',
    'in_progress',
    'rating',
    '服务态度',
    '窗口工作人员答复群众咨询不耐心',
    '满意度评议中多名群众反映，咨询社保转移事宜时工作人员态度生硬、“问三句答一句”。',
    '开展服务礼仪和业务知识轮训，实行首问负责和服务评价“一事一评”。',
  ),
  p(
    'D26',
    'overdue',
    'hotline',
    '办事效率',
    '叫号系统故障导致排队秩序混乱',
    '12345热线工单反映，大厅叫号系统多次故障，群众重复取号、排队两小时。',
    '更换叫号系统，增设引导员，高峰时段增开潮汐窗口。',
  ),
  p(
    'D26',
    'claimed',
    'inspection',
    '形式主义',
    '“好差评”评价器摆放不规范、引导群众刷好评',
    '暗访发现个别窗口将评价器放在工作人员一侧，并口头引导群众点“非常满意”。',
    '评价器统一面向群众摆放，严禁诱导评价，差评100%回访整改。',
  ),
  p(
    'D26',
    'closed_on_time',
    'self',
    '办事效率',
    '自助服务区设备长期故障无人报修',
    '自查发现自助服务区4台设备故障超过一个月，未及时报修。',
    '建立设备日巡检制度，故障24小时内报修、72小时内修复。',
  ),
  p(
    'D26',
    'closed_late',
    'media',
    '营商环境',
    '办事指南与实际要求不一致',
    '本地媒体报道，某企业按网上办事指南准备材料，窗口却要求另外提供3份证明。',
    '全面核对并更新办事指南，窗口不得要求指南以外的材料。',
  ),
  p(
    'D26',
    'explained',
    'hotline',
    '服务态度',
    '要求窗口为个人代办非本中心职责的事项',
    '热线来电要求中心工作人员上门为其代办银行贷款手续。',
    '',
    '银行贷款手续不属于政务服务事项，已向来电人说明可到银行网点办理，并告知帮办代办服务的范围。',
  ),
  p(
    'D26',
    'reopened_by_raiser',
    'visit',
    '办事效率',
    '残疾人通道被占用，轮椅无法进入大厅',
    '走访残联时反映，大厅无障碍通道长期堆放物品，轮椅无法通行。',
    '清理无障碍通道，设置警示标识，纳入每日巡查。',
  ),
  p(
    'D26',
    'inbox_submitted',
    'rating',
    '服务态度',
    '窗口人员办事时玩手机',
    '',
    '严格执行工作纪律，窗口工作时间手机统一存放，纪检督查不定期抽查。',
  ),
  p(
    'D26',
    'inbox_closed_rated',
    'rating',
    '办事效率',
    '大厅饮水机长期无水',
    '',
    '明确专人每日检查便民设施，当日补水，设置设施报修二维码。',
  ),
  p(
    'D26',
    'inbox_claimed',
    'rating',
    '服务态度',
    '电话咨询长时间无人接听',
    '',
    '咨询电话接入12345热线统一转接，工作时间专人值守，无人接听自动回拨。',
  ),
  // 市市场监督管理局 (D21): a demo account's unit.
  p(
    'D21',
    'draft',
    'self',
    '官僚主义',
    '投诉举报处理“只转不办”',
    '自查发现，部分消费投诉转至基层所后未跟踪办理结果，群众反映“投诉石沉大海”。',
    '建立投诉办理闭环跟踪机制，逾期未办结的自动提醒并通报。',
  ),
  p(
    'D21',
    'filed_overdue',
    'inspection',
    '营商环境',
    '涉企检查多头重复',
    '督查发现，同一企业一个月内被不同科室检查4次，内容多有重复。',
    '推行“综合查一次”，跨科室联合检查，检查计划统一报备。',
  ),
  p(
    'D21',
    'in_progress',
    'self',
    '办事效率',
    '食品经营许可审批超时',
    '自查发现，上半年有9件食品经营许可超过承诺时限办结。',
    '压缩审批时限至5个工作日，推行告知承诺制。',
  ),
  p(
    'D21',
    'extended',
    'assigned',
    '营商环境',
    '个体工商户年报系统操作复杂',
    '市委交办：个体工商户反映年报系统填报项目多、操作复杂，老年经营者难以完成。',
    '简化年报填报项目，开通帮办热线，在市场设立流动服务点。',
  ),
  p(
    'D21',
    'closed_on_time',
    'rating',
    '服务态度',
    '执法人员现场检查态度粗暴',
    '满意度评议中有经营户反映，执法人员检查时语气生硬、不听解释。',
    '开展规范执法培训，执法全过程记录，建立回访制度。',
  ),
  p(
    'D21',
    'closed_rated',
    'hotline',
    '办事效率',
    '消费纠纷调解周期长',
    '12345热线反映，一起预付卡消费纠纷调解历时两个月仍无结果。',
    '设立消费纠纷快速调解通道，简易纠纷7日内调结。',
  ),
  p(
    'D21',
    'office_filed',
    'inspection',
    '廉洁自律',
    '个别执法人员接受管理对象宴请',
    '明察暗访发现，个别执法人员在检查后接受被检查企业安排的工作餐。',
    '开展警示教育，签订廉洁承诺书，设立举报电话并公开。',
  ),
  p(
    'D21',
    'inbox_filed',
    'rating',
    '营商环境',
    '营业执照变更要求重复提交材料',
    '',
    '推行“一次告知”，变更登记材料精简三分之一，实行容缺受理。',
  ),
  // 市住房和城乡建设局 (D16): a demo account's unit.
  p(
    'D16',
    'submitted',
    'self',
    '形式主义',
    '工地安全检查以“打卡拍照”代替隐患排查',
    '自查发现，部分检查记录只有打卡照片，没有隐患清单和整改要求。',
    '检查记录须列明隐患及整改期限，实行隐患闭环销号。',
  ),
  p(
    'D16',
    'in_progress',
    'visit',
    '办事效率',
    '老旧小区改造进度慢、信息不公开',
    '走访社区时居民反映，小区改造开工三个月进度不明，施工安排不公示。',
    '每个改造小区设公示牌，每周公布进度，设居民监督员。',
  ),
  p(
    'D16',
    'overdue',
    'media',
    '官僚主义',
    '商品房交付后办证难',
    '媒体报道，某小区交房两年业主仍无法办理不动产权证。',
    '会同不动产登记中心专班推进，逐户梳理问题清单，限期办结。',
  ),
  p(
    'D16',
    'claimed',
    'hotline',
    '服务态度',
    '物业投诉多次反映无人回应',
    '12345热线反映，多次投诉小区物业服务问题，主管部门未回复。',
    '建立物业投诉处理台账，5个工作日内答复，纳入物业企业信用考核。',
  ),
  p(
    'D16',
    'closed_late',
    'self',
    '办事效率',
    '施工许可审批环节多',
    '自查发现，施工许可需经5个科室签字，平均耗时15个工作日。',
    '审批环节压减为2个，实行并联审批，时限压缩至5个工作日。',
  ),
  p(
    'D16',
    'explained',
    'rating',
    '营商环境',
    '要求取消全部建筑工程质量检测',
    '评议意见要求取消小型工程的质量检测环节。',
    '',
    '工程质量检测是法定程序，不能取消；已向意见人说明法律依据，并推行检测预约、结果网上查询。',
  ),
  p(
    'D16',
    'office_closed',
    'assigned',
    '官僚主义',
    '农民工工资保证金退还慢',
    '市政府交办：多家施工企业反映工程完工后工资保证金退还需半年以上。',
    '简化退还流程，符合条件的15个工作日内退还。',
  ),
  // Other departments.
  p(
    'D14',
    'in_progress',
    'rating',
    '办事效率',
    '社保关系转移办理时间长',
    '满意度评议中群众反映，跨省社保转移办理时间超过两个月。',
    '开通线上转移申请，专人跟踪，限时办结。',
  ),
  p(
    'D14',
    'closed_on_time',
    'hotline',
    '服务态度',
    '就业补贴咨询电话长期占线',
    '12345热线反映，就业补贴咨询电话工作时间长期占线。',
    '增设咨询座席，编写政策问答，公布线上咨询渠道。',
  ),
  p(
    'D14',
    'reopened_by_office',
    'self',
    '形式主义',
    '技能培训“重数量轻质量”',
    '自查发现，部分培训班只签到不授课，培训补贴申报数与实际参训人数不符。',
    '培训全过程视频监管，补贴按实际考核合格人数发放。',
  ),
  p(
    'D14',
    'filed',
    'visit',
    '营商环境',
    '企业招聘用工服务不精准',
    '走访企业时反映，招聘会岗位与求职者需求脱节，企业招不到人。',
    '建立企业用工需求清单，开展“订单式”培训和专场招聘。',
  ),
  p(
    'D27',
    'closed_rated',
    'hotline',
    '办事效率',
    '二手房过户预约号难抢',
    '12345热线反映，二手房过户网上预约号源一放出即被抢完，有“号贩子”倒号。',
    '增加号源，实行实名预约，开设周末服务专窗。',
  ),
  p(
    'D27',
    'in_progress',
    'inspection',
    '廉洁自律',
    '个别窗口人员向中介“开绿灯”',
    '暗访发现，个别中介可不排队直接在窗口办理业务。',
    '严格排队叫号，全程录像，对中介代办进行登记管理。',
  ),
  p(
    'D27',
    'filed_overdue',
    'media',
    '办事效率',
    '不动产登记证书邮寄送达不及时',
    '网络舆情反映，选择邮寄送达的证书两周未送到。',
    '与邮政建立专线寄递，实行送达时限承诺和短信提醒。',
  ),
  p(
    'D23',
    'closed_late',
    'media',
    '官僚主义',
    '城乡公交线路调整未征求群众意见',
    '媒体报道，某镇公交线路调整后，沿线村民出行不便。',
    '调整线路前公开征求意见，恢复沿线站点，增加班次。',
  ),
  p(
    'D23',
    'in_progress',
    'rating',
    '服务态度',
    '出租车投诉处理结果不告知投诉人',
    '评议意见反映，投诉出租车拒载后没有收到任何处理结果。',
    '投诉处理结果100%回复投诉人，纳入驾驶员信用记录。',
  ),
  p(
    'D23',
    'office_filed',
    'assigned',
    '营商环境',
    '货运车辆年审需多次往返',
    '市委交办：货运企业反映车辆年审需往返检测站和运管窗口多次。',
    '年审检测与审验“一站办结”，推行网上预约。',
  ),
  p(
    'D24',
    'explained',
    'hotline',
    '官僚主义',
    '要求拆除相邻住户合法搭建的阳光房',
    '热线来电要求城管立即拆除邻居阳光房。',
    '',
    '经核查该阳光房已取得规划许可，属合法建筑；已向来电人说明，建议通过社区调解解决采光纠纷。',
  ),
  p(
    'D24',
    'closed_on_time',
    'visit',
    '服务态度',
    '占道经营整治“一刀切”',
    '走访商户时反映，整治占道经营时不分情况一律清理，临时摊点无处经营。',
    '设置便民疏导点，实行柔性执法，先劝导后处罚。',
  ),
  p(
    'D24',
    'overdue',
    'hotline',
    '办事效率',
    '建筑垃圾乱倒投诉处理慢',
    '12345热线多次反映，某路段建筑垃圾堆放一个月未清运。',
    '建立建筑垃圾乱倒快速处置机制，24小时内清运。',
  ),
  p(
    'D19',
    'in_progress',
    'rating',
    '服务态度',
    '医院门诊导诊服务不到位',
    '满意度评议中群众反映，门诊导诊台经常无人，老年人挂号难。',
    '导诊台专人值守，设老年人绿色通道和人工挂号窗口。',
  ),
  p(
    'D19',
    'closed_rated',
    'visit',
    '办事效率',
    '出生医学证明办理需跑多次',
    '走访时群众反映，出生医学证明须往返医院和卫健部门。',
    '出生“一件事”联办，医院出院即可领证。',
  ),
  p(
    'D09',
    'submitted',
    'self',
    '形式主义',
    '督查检查进校园过多过频',
    '自查发现，各类检查、评比进校园一学期达20余次，增加学校负担。',
    '建立进校园事项审批报备制度，检查次数压减一半。',
  ),
  p(
    'D09',
    'claimed',
    'rating',
    '办事效率',
    '学位申请材料繁杂',
    '评议意见反映，小学入学申请要提交房产、户籍等材料共11项。',
    '数据共享核验，申请材料精简为3项，全程网上办理。',
  ),
  p(
    'D28',
    'closed_on_time',
    'hotline',
    '办事效率',
    '异地就医备案流程复杂',
    '12345热线反映，异地就医备案须到窗口办理，外出务工人员不便。',
    '开通线上备案，即时办结。',
  ),
  p(
    'D28',
    'filed',
    'inspection',
    '廉洁自律',
    '定点药店医保基金使用监管不严',
    '督查发现，个别定点药店存在串换药品、违规刷卡的情况。',
    '开展专项检查，建立智能监控系统，违规药店解除协议。',
  ),
  p(
    'D29',
    'closed_late',
    'rating',
    '办事效率',
    '公积金提取审核时间长',
    '满意度评议中职工反映，公积金提取从申请到到账需10个工作日。',
    '简化审核环节，提取业务3个工作日内到账，部分业务秒批。',
  ),
  p(
    'D22',
    'in_progress',
    'media',
    '官僚主义',
    '餐饮油烟扰民投诉久拖不决',
    '媒体报道，居民投诉楼下餐馆油烟扰民一年未解决。',
    '督促安装油烟净化设施，定期监测，限期整改不到位的依法处罚。',
  ),
  p(
    'D30',
    'closed_on_time',
    'self',
    '办事效率',
    '热线工单转办时限长',
    '自查发现，部分工单从受理到转办超过2个工作日。',
    '工单受理后2小时内转办，紧急工单即时转办。',
  ),
  p(
    'D08',
    'filed',
    'assigned',
    '营商环境',
    '惠企政策兑现慢',
    '市委交办：企业反映惠企政策申报后兑现周期长达半年。',
    '推行惠企政策“免申即享”，兑现时限压缩至30个工作日。',
  ),
  p(
    'D01',
    'closed_on_time',
    'self',
    '形式主义',
    '文件会议多、篇幅长',
    '自查发现，上半年以市委办名义印发的文件数量同比增长，部分文件篇幅过长。',
    '严控发文数量和篇幅，能合并的会议合并召开，能视频开的不集中开。',
  ),
];

/** Recipients' problem reports, as the mixer would write them into the units' inboxes. */
export const DEMO_REPORT_TEXTS: Record<string, string> = {
  窗口人员办事时玩手机: '上周五下午去政务服务中心办社保，窗口工作人员一边办一边看手机，办得很慢。',
  大厅饮水机长期无水: '大厅的饮水机连续几次去都没有水，等候时间长，老人小孩没水喝。',
  电话咨询长时间无人接听: '打中心公布的咨询电话，打了一上午都没人接。',
  营业执照变更要求重复提交材料: '办营业执照地址变更，已经交过的材料又让重新交一遍，还要跑回去打印。',
};

/**
 * Reports the units have not accepted into the ledger: still open, explained, or sent to the office as
 * abusive. `receivedDaysAgo` is within the demo campaign's three weeks; the open ones received more than
 * the answer window (5 working days) ago are overdue (逾期) in the unit's inbox.
 */
export const DEMO_OTHER_REPORTS: ReadonlyArray<{
  unit: string;
  status: 'open' | 'explained' | 'merged' | 'rejection_requested' | 'rejected';
  receivedDaysAgo: number;
  description: string;
  contact: string | null;
  answer?: string;
}> = [
  {
    unit: 'D26',
    status: 'open',
    receivedDaysAgo: 12,
    description: '停车场收费标准没有公示，收费人员态度差。',
    contact: null,
  },
  {
    unit: 'D26',
    status: 'open',
    receivedDaysAgo: 2,
    description: '自助打印机打不出社保证明，找工作人员说不归他管。',
    contact: '13800000126',
  },
  {
    unit: 'D26',
    status: 'explained',
    receivedDaysAgo: 16,
    description: '希望政务服务中心晚上也开门。',
    contact: null,
    answer: '中心已实行周六上午和工作日延时服务至18:30，夜间可通过网上办事大厅和自助服务区办理，已在大厅公示。',
  },
  { unit: 'D26', status: 'merged', receivedDaysAgo: 9, description: '叫号机经常坏，排了很久的队。', contact: null },
  {
    unit: 'D21',
    status: 'open',
    receivedDaysAgo: 15,
    description: '投诉商家卖过期食品，一个多星期没人联系我。',
    contact: '13800000221',
  },
  {
    unit: 'D21',
    status: 'rejection_requested',
    receivedDaysAgo: 6,
    description: '你们都是一群废物（内容含辱骂，无具体事项）',
    contact: null,
    answer: '内容为辱骂，没有具体事项，申请评议办不予受理。',
  },
  {
    unit: 'D16',
    status: 'open',
    receivedDaysAgo: 18,
    description: '小区电梯加装申请交上去两个月没有回音。',
    contact: null,
  },
  {
    unit: 'D16',
    status: 'rejected',
    receivedDaysAgo: 4,
    description: '（与评议无关的广告内容）',
    contact: null,
    answer: '广告内容，与本单位工作无关。',
  },
];

/** Free text of weekly reports. */
export const WEEKLY_PROGRESS = [
  '本周召开整改推进会1次，逐项过堂整改台账，完成整改措施3项。',
  '本周对窗口服务开展明察暗访2次，发现的问题已当场整改。',
  '本周完成群众反映问题回访12件，满意率明显提升。',
  '本周修订办事指南5项，精简申请材料8份。',
  '本周对照整改台账开展自查，新增问题1个，已纳入台账。',
] as const;
export const WEEKLY_PLANS = [
  '下周完成剩余整改事项的阶段验收，提交销号申请。',
  '下周开展“回头看”，防止问题反弹。',
  '下周组织业务培训1次，推进整改措施落实。',
  '下周对逾期事项专题调度，明确新的时间节点。',
] as const;
export const WEEKLY_DIFFICULTIES = [
  '',
  '部分事项涉及多个部门，需要市级层面协调。',
  '系统改造需要上级部门支持，进度受影响。',
  '',
] as const;

export const STAFF_NAMES = [
  '周立新',
  '吴海燕',
  '郑国栋',
  '孙丽娟',
  '钱志远',
  '冯晓东',
  '陈雅琴',
  '褚建华',
  '卫明辉',
  '蒋春梅',
  '沈卫国',
  '韩晓军',
  '杨秀兰',
  '朱建平',
  '秦海波',
  '尤丽华',
  '许文涛',
  '何静怡',
  '吕志刚',
  '施红霞',
  '张立军',
  '孔德明',
  '曹慧敏',
  '严卫东',
  '华春燕',
  '金志强',
  '魏丽萍',
  '陶建新',
  '姜海燕',
  '戚明亮',
] as const;
export const LEADER_NAMES = ['马建军', '高志华', '林国平', '罗晓峰', '梁文静', '宋明远', '唐海涛', '韦丽君'] as const;
export const OWNER_NAMES = [
  '邓晓明',
  '彭丽',
  '曾志勇',
  '肖雪梅',
  '田伟',
  '董佳',
  '袁立',
  '潘红',
  '蔡俊',
  '余敏',
] as const;
