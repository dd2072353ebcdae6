import { registerMessages, type FeatureMessages } from '@/locales';

// 党员: the list's extra filters and export, and the member's own page. Merged into the frame's
// `members` texts; imported by the views of the area so they are there before anything renders.
const zhCN = {
  members: {
    description: '您管辖范围内的党员。身份证号和联系电话脱敏显示，查看完整信息需写明原因并记入审计日志。',
    exportExcel: '导出 Excel',
    exported: '已导出“{name}”',
    genderFilter: '性别',
    educationFilter: '学历',
    flagsFilter: '标记',
    flags: { MOBILE: '流动党员', LOST_CONTACT: '失联党员' },
    moreFilters: '更多条件',
    fewerFilters: '收起',
    detail: {
      title: '党员信息',
      back: '返回',
      basic: '基本信息',
      party: '党籍信息',
      ethnicity: '民族',
      standing: '党龄',
      standingValue: '{years} 年',
      duesPaidThrough: '党费交至',
      upstreamId: '上级系统编号',
      flags: '标记',
      noFlags: '无',
      transfers: '组织关系转接记录',
      transfersHint: '该党员全部的转入、转出记录，点击查看办理过程。',
      transfersEmpty: '没有组织关系转接记录',
      transferOut: '发起转出',
      openTransfer: '查看',
      route: '{from} → {to}',
      openTransferNote: '该党员有一笔未办结的转接，办结前不能再次发起转出。',
    },
  },
};

const enUS: typeof zhCN = {
  members: {
    description: 'Members in your scope. Id card numbers and phones are masked; seeing them in full needs a reason and is audited.',
    exportExcel: 'Export to Excel',
    exported: 'Exported “{name}”',
    genderFilter: 'Gender',
    educationFilter: 'Education',
    flagsFilter: 'Flags',
    flags: { MOBILE: 'Mobile member', LOST_CONTACT: 'Lost contact' },
    moreFilters: 'More filters',
    fewerFilters: 'Fewer filters',
    detail: {
      title: 'Member',
      back: 'Back',
      basic: 'Personal details',
      party: 'Party membership',
      ethnicity: 'Ethnicity',
      standing: 'Party standing',
      standingValue: '{years} years',
      duesPaidThrough: 'Dues paid through',
      upstreamId: 'Upstream number',
      flags: 'Flags',
      noFlags: 'None',
      transfers: 'Relation transfers',
      transfersHint: 'Every transfer in or out of this member; open one to see its history.',
      transfersEmpty: 'No transfers',
      transferOut: 'Transfer out',
      openTransfer: 'Open',
      route: '{from} → {to}',
      openTransferNote: 'This member has an unfinished transfer; no other can start before it ends.',
    },
  },
};

export const memberMessages: FeatureMessages = { 'zh-CN': zhCN, 'en-US': enUS };

registerMessages(memberMessages);
