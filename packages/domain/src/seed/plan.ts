import type { SharingRoute } from '../entities/daily-work/service-center.entity.js';

/**
 * The local facts of 陇海马路街道 that the article reports and the upstream system does not hold:
 * each community's brand (一社区一品牌), its centre, its staff. Names of people are fictional.
 */
export interface CommunityPlan {
  shortName: string;
  brandName: string;
  brandType: string;
  workMethod: string | null;
  highlights: string;
  households: number;
  residentCount: number;
  address: string;
  /** The community centre: meets the area standard, or the route taken while it does not. */
  center: { meetsStandard: true } | { meetsStandard: false; route: SharingRoute };
  facilities: string[];
  staff: [StaffPlan, StaffPlan];
}

export interface StaffPlan {
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  education: 'UNDERGRADUATE' | 'JUNIOR_COLLEGE' | 'POSTGRADUATE';
}

const BASIC_FACILITIES = ['党员活动室', '图书阅览室', '志愿服务站', '多功能活动厅'];

export const COMMUNITY_PLANS: readonly CommunityPlan[] = [
  {
    shortName: '新郑路',
    brandName: '“520”零距离服务',
    brandType: '平安示范型',
    workMethod: '520党建工作模式',
    highlights:
      '构筑“五大”载体、实施“两大”路径、实现精准“零距离”服务，搭建党员加油站、志愿服务站、综治工作站、矛盾调解室、群团活动中心，组建党员先锋队。',
    households: 3120,
    residentCount: 9460,
    address: '新郑路113号',
    center: { meetsStandard: true },
    facilities: ['党员加油站', '志愿服务站', '综治工作站', '矛盾调解室', '群团活动中心'],
    staff: [
      { name: '马晓雯', gender: 'FEMALE', birthDate: '1993-04-12', education: 'UNDERGRADUATE' },
      { name: '周子豪', gender: 'MALE', birthDate: '1995-09-03', education: 'JUNIOR_COLLEGE' },
    ],
  },
  {
    shortName: '紫薇',
    brandName: '党建+传统文化',
    brandType: '传统文化型',
    workMethod: '“党建+”工作法（党建+网格、党建+平台、党建+品牌）',
    highlights:
      '以党建带社建促群建，以党员意识和传统文化为引领，带动居民参与社区治理，打造党建与传统文化相融合的服务群众体系。',
    households: 2260,
    residentCount: 6870,
    address: '紫薇路6号',
    center: { meetsStandard: true },
    facilities: [...BASIC_FACILITIES, '书画室', '国学讲堂'],
    staff: [
      { name: '王思琪', gender: 'FEMALE', birthDate: '1996-01-20', education: 'UNDERGRADUATE' },
      { name: '李浩然', gender: 'MALE', birthDate: '1992-07-15', education: 'UNDERGRADUATE' },
    ],
  },
  {
    shortName: '陇三',
    brandName: '五盟共建',
    brandType: '学健游一体型',
    workMethod: '“五盟共建”',
    highlights:
      '以党建为纽带、地缘为区域，辐射周边企业和沿街门店，形成以陇三社区为中心的“学健游于一体”的惠民服务网，提供“家门口”服务。',
    households: 2840,
    residentCount: 8350,
    address: '陇海东路112号',
    center: { meetsStandard: false, route: 'SHARED_ENTERPRISE' },
    facilities: [...BASIC_FACILITIES, '健身活动室'],
    staff: [
      { name: '张雨桐', gender: 'FEMALE', birthDate: '1994-11-08', education: 'JUNIOR_COLLEGE' },
      { name: '陈嘉伟', gender: 'MALE', birthDate: '1991-03-27', education: 'UNDERGRADUATE' },
    ],
  },
  {
    shortName: '紫荆',
    brandName: '民族团结示范社区',
    brandType: '民族团结型',
    workMethod: '“各民族大团结大发展大繁荣”主线工作法',
    highlights:
      '结合少数民族群众聚集的现状，把民族团结作为社区各项工作的出发点和落脚点，积极打造民族团结示范社区。',
    households: 3460,
    residentCount: 10_280,
    address: '紫荆山路88号',
    center: { meetsStandard: false, route: 'SHARED_PROPERTY' },
    facilities: [...BASIC_FACILITIES, '民族团结之家'],
    staff: [
      { name: '海丽娜', gender: 'FEMALE', birthDate: '1995-06-30', education: 'UNDERGRADUATE' },
      { name: '沙文博', gender: 'MALE', birthDate: '1990-12-02', education: 'JUNIOR_COLLEGE' },
    ],
  },
  {
    shortName: '陇二',
    brandName: '绿苑',
    brandType: '绿色环保型',
    workMethod: '“一二三”工作法（一条主线抓学习、两类标杆树典型、三张名片缔造幸福生活）',
    highlights:
      '引入绿色生活，贯穿“一条主线”抓学习，培养“两类标杆”树典型，以三张名片缔造幸福生活“绿苑”品牌。',
    households: 2580,
    residentCount: 7690,
    address: '陇海东路86号',
    center: { meetsStandard: true },
    facilities: [...BASIC_FACILITIES, '垃圾分类宣教室'],
    staff: [
      { name: '刘佳怡', gender: 'FEMALE', birthDate: '1997-02-14', education: 'UNDERGRADUATE' },
      { name: '赵一鸣', gender: 'MALE', birthDate: '1993-08-19', education: 'UNDERGRADUATE' },
    ],
  },
  {
    shortName: '陇新',
    brandName: '新社区、馨服务、心楼宇',
    brandType: '楼宇共建型',
    workMethod: '楼宇党建共筹共建',
    highlights:
      '以“服务居民、服务企业、打造特色、构建和谐”为思路，整合楼宇党建的共筹共建模式，与企业和谐共建。',
    households: 1980,
    residentCount: 5820,
    address: '陇海路陇新商务大厦旁',
    center: { meetsStandard: true },
    facilities: [...BASIC_FACILITIES, '楼宇服务窗口'],
    staff: [
      { name: '孙梦瑶', gender: 'FEMALE', birthDate: '1994-05-23', education: 'POSTGRADUATE' },
      { name: '郭俊杰', gender: 'MALE', birthDate: '1992-10-11', education: 'UNDERGRADUATE' },
    ],
  },
  {
    shortName: '陇一',
    brandName: '大爱夕阳',
    brandType: '温馨养老型',
    workMethod: '“1、3、5、7”党建工作法',
    highlights:
      '构建党建全覆盖、社情全掌握、服务全方位、居民全参与的社区党建新格局，为辖区老人营造安享晚年的氛围。',
    households: 2720,
    residentCount: 7980,
    address: '陇海东路32号',
    center: { meetsStandard: true },
    facilities: [...BASIC_FACILITIES, '日间照料中心', '老年食堂'],
    staff: [
      { name: '杨晓敏', gender: 'FEMALE', birthDate: '1991-09-09', education: 'UNDERGRADUATE' },
      { name: '黄文斌', gender: 'MALE', birthDate: '1996-04-17', education: 'JUNIOR_COLLEGE' },
    ],
  },
  {
    shortName: '黄金叶',
    brandName: '共建共筑共享共赢',
    brandType: '共驻共建型',
    workMethod: '“四驱”助力（党建工作联创、为民服务联办、文体活动联谊、环境卫生联治）',
    highlights: '在“社区+单位”的共同发力下，实现党建、活动、基础工作、服务、品牌、满意度六提升。',
    households: 2150,
    residentCount: 6410,
    address: '黄金叶街18号',
    center: { meetsStandard: true },
    facilities: [...BASIC_FACILITIES, '文体活动室'],
    staff: [
      { name: '吴欣然', gender: 'FEMALE', birthDate: '1995-12-05', education: 'UNDERGRADUATE' },
      { name: '徐志强', gender: 'MALE', birthDate: '1990-06-21', education: 'UNDERGRADUATE' },
    ],
  },
  {
    shortName: '郑新里',
    brandName: '件件有回音、事事有着落',
    brandType: '康乐疗工型',
    workMethod: '党员志愿者服务队',
    highlights:
      '关注居民的“大事、小事、家务事”，倾听群众的“呼声、心声、叹息声”，及时反馈解决情况，做到件件有回音、事事有着落。',
    households: 2390,
    residentCount: 7150,
    address: '郑新里小区内',
    center: { meetsStandard: false, route: 'SHARED_PUBLIC_UNIT' },
    facilities: [...BASIC_FACILITIES, '康复理疗室'],
    staff: [
      { name: '何静怡', gender: 'FEMALE', birthDate: '1993-03-03', education: 'JUNIOR_COLLEGE' },
      { name: '高宇航', gender: 'MALE', birthDate: '1997-08-28', education: 'UNDERGRADUATE' },
    ],
  },
];

export const INSTRUCTOR_PLANS = [
  { name: '宋立新', title: '街道党工委组织委员' },
  { name: '程雅静', title: '街道党建办主任' },
  { name: '范国庆', title: '非公企业党建指导员' },
  { name: '韩晓梅', title: '社会组织党建指导员' },
] as const;

export const SERVICE_ACTIVITY_TITLES = [
  '健康义诊',
  '扶贫帮困',
  '清洁家园',
  '社区教育',
  '科普教育',
  '法律咨询进社区',
  '敬老助老服务',
  '便民理发',
];
export const THEME_EDUCATION_TITLES = [
  '“不忘初心、牢记使命”主题教育专题学习',
  '微党课',
  '“中国梦”主题宣讲',
  '“童心向党”少儿主题活动',
  '“我们的节日”传统节日活动',
  '“学、考、做”学习教育',
  '“两学一做”专题学习',
];
export const LECTURE_TOUR_TITLES = ['“党的创新理论万场宣讲进基层”', '“百姓宣讲直通车”'];
export const VOLUNTEER_TITLES = ['党员志愿者维护交通秩序', '党员商户“门前三包”', '义务保洁'];

export const YOUTH_WISHES = [
  '一套课外读物',
  '一个新书包',
  '一双运动鞋',
  '一套美术用品',
  '一本英语词典',
  '一副羽毛球拍',
  '一台学习台灯',
  '一件冬季棉服',
];
export const ELDERLY_WISHES = [
  '一台收音机',
  '一副老花镜',
  '一根助行拐杖',
  '一床电热毯',
  '一次上门理发',
  '一个保温杯',
];

/** The compounds without a managing unit and the roads of the 百城建设提质工程; community by short name. */
export const RENOVATIONS = [
  { name: '紫荆小区', kind: 'COMPOUND', community: '紫荆' },
  { name: '新郑路113号院', kind: 'COMPOUND', community: '新郑路' },
  { name: '陇海里19号院', kind: 'COMPOUND', community: '陇三' },
  { name: '陇海东路56号院', kind: 'COMPOUND', community: '陇一' },
  { name: '紫薇路8号院', kind: 'COMPOUND', community: '紫薇' },
  { name: '绿苑小区2号院', kind: 'COMPOUND', community: '陇二' },
  { name: '郑新里小区3号院', kind: 'COMPOUND', community: '郑新里' },
  { name: '黄金叶街12号院', kind: 'COMPOUND', community: '黄金叶' },
  { name: '陇新路9号院', kind: 'COMPOUND', community: '陇新' },
  { name: '南仓街23号院', kind: 'COMPOUND', community: '新郑路' },
  { name: '南仓街', kind: 'ROAD', community: '新郑路' },
  { name: '新郑路', kind: 'ROAD', community: '新郑路' },
] as const;

/** Public bodies in the alliance besides the surveyed units (fictional). */
export const ALLIANCE_PUBLIC_UNITS = [
  '管城回族区人民医院陇海分院',
  '郑州市第十一中学',
  '国网郑州供电公司管城供电部',
  '陇海马路派出所',
  '郑州银行陇海路支行',
  '管城回族区城市管理局陇海中队',
  '郑州公交第五运营公司',
];

export const LINKAGE_PROJECTS: Record<string, string[]> = {
  PARTY_BUILDING: ['联合主题党日', '党建资源共享清单对接会'],
  CIVILITY: ['文明城市创建联创行动', '“最美家庭”联合评选'],
  PUBLIC_SERVICE: ['医企联手进社区义诊', '“家门口”便民服务日'],
  CHARITY: ['“微心愿”认领联办', '爱心助学联办'],
  ENVIRONMENT: ['全城清洁联防行动', '垃圾分类联防宣传'],
  GOVERNANCE: ['平安社区联动巡防', '矛盾纠纷联动调解'],
  CULTURE: ['“我们的节日”文艺联谊', '社区运动会联谊'],
};

export const RESIDENT_REQUESTS = [
  { content: '楼道照明损坏，夜间出行不便', category: 'PROPERTY', scale: 'MINOR' },
  { content: '小区化粪池堵塞外溢', category: 'ENVIRONMENT', scale: 'MAJOR' },
  { content: '独居老人希望有人定期上门探望', category: 'ELDERLY_CARE', scale: 'HOUSEHOLD' },
  { content: '邻里因装修噪音发生纠纷', category: 'NEIGHBOURHOOD_DISPUTE', scale: 'HOUSEHOLD' },
  { content: '院内电动车私拉电线充电存在隐患', category: 'SAFETY', scale: 'MAJOR' },
  { content: '希望增设健身器材', category: 'OTHER', scale: 'MINOR' },
  { content: '楼顶防水层老化漏雨', category: 'PROPERTY', scale: 'MAJOR' },
  { content: '咨询高龄津贴申领办法', category: 'POLICY', scale: 'MINOR' },
] as const;

export const ENTERPRISE_REQUESTS = [
  { content: '咨询小微企业税费减免政策', category: 'POLICY', scale: 'MINOR' },
  { content: '希望协助对接银行办理创业担保贷款', category: 'FINANCING', scale: 'MAJOR' },
  { content: '招聘技术人员困难，希望参加社区招聘会', category: 'EMPLOYMENT', scale: 'MINOR' },
  { content: '营业执照变更材料咨询', category: 'PERMITS', scale: 'MINOR' },
  { content: '楼宇周边停车难，影响客户来访', category: 'OTHER', scale: 'MAJOR' },
  { content: '员工子女入学咨询', category: 'POLICY', scale: 'HOUSEHOLD' },
] as const;
