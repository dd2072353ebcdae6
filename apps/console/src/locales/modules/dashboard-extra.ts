// 工作台: my to-do list, the committees' age and education, and organisational-life compliance.
// Merged into the frame's `dashboard` texts.
const zhCN = {
  dashboard: {
    todos: {
      title: '我的待办',
      filter: '按类别筛选待办',
      all: '全部',
      empty: '没有待办事项',
      dueOn: '{day} 到期',
      overdueSince: '已于 {day} 到期',
      more: '另有 {count} 项，请到对应页面查看',
      kinds: {
        TRANSFER_AWAITING_ACTION: '待我办理的转接',
        LETTER_EXPIRING: '介绍信到期',
        RECEIPT_OVERDUE: '回执逾期',
        RECTIFICATION_OVERDUE: '整改逾期',
        CHECKLIST_ITEM_OVERDUE: '清单逾期',
        GUIDANCE_FOLLOW_UP_DUE: '指导整改',
        TERM_ENDING: '任期届满',
      },
      short: {
        TRANSFER_AWAITING_ACTION: '转接',
        LETTER_EXPIRING: '介绍信',
        RECEIPT_OVERDUE: '回执',
        RECTIFICATION_OVERDUE: '整改',
        CHECKLIST_ITEM_OVERDUE: '清单',
        GUIDANCE_FOLLOW_UP_DUE: '指导',
        TERM_ENDING: '换届',
      },
    },
    committeeCharts: {
      age: '换届时年龄（岁）',
      ageAria: '柱状图：社区党组织班子成员换届时的年龄分布',
      education: '学历',
      educationAria: '环形图：社区党组织班子成员的学历构成',
      people: '人数',
      none: '暂无换届记录',
      ageBands: {
        upTo30: '≤30',
        from31To35: '31–35',
        from36To40: '36–40',
        from41To45: '41–45',
        from46To50: '46–50',
        over50: '>50',
      },
    },
    compliance: {
      title: '组织生活落实情况（支部 × 月份）',
      range: '{from} 至 {to}，按考核周期结束的月份计',
      aria: '热力图：各支部各月组织生活落实情况，绿色已落实，黄色周期未结束，红色未落实',
      tooltip: '已落实 {met} · 待落实 {open} · 未落实 {missed}',
      MET: '已落实',
      OPEN: '周期未结束',
      MISSED: '未落实',
      empty: '暂无需要考核组织生活的支部',
    },
  },
};

const enUS: typeof zhCN = {
  dashboard: {
    todos: {
      title: 'My to-do list',
      filter: 'Filter the to-do list by kind',
      all: 'All',
      empty: 'Nothing to do',
      dueOn: 'due {day}',
      overdueSince: 'was due {day}',
      more: '{count} more on their pages',
      kinds: {
        TRANSFER_AWAITING_ACTION: 'Transfers awaiting me',
        LETTER_EXPIRING: 'Letters expiring',
        RECEIPT_OVERDUE: 'Receipts overdue',
        RECTIFICATION_OVERDUE: 'Rectifications overdue',
        CHECKLIST_ITEM_OVERDUE: 'List items overdue',
        GUIDANCE_FOLLOW_UP_DUE: 'Guidance follow-ups',
        TERM_ENDING: 'Terms ending',
      },
      short: {
        TRANSFER_AWAITING_ACTION: 'Transfer',
        LETTER_EXPIRING: 'Letter',
        RECEIPT_OVERDUE: 'Receipt',
        RECTIFICATION_OVERDUE: 'Rectify',
        CHECKLIST_ITEM_OVERDUE: 'List',
        GUIDANCE_FOLLOW_UP_DUE: 'Guidance',
        TERM_ENDING: 'Election',
      },
    },
    committeeCharts: {
      age: 'Age when elected (years)',
      ageAria: 'Bar chart: ages of the community committees’ members when elected',
      education: 'Education',
      educationAria: 'Ring chart: education of the community committees’ members',
      people: 'People',
      none: 'No elections recorded',
      ageBands: {
        upTo30: '≤30',
        from31To35: '31–35',
        from36To40: '36–40',
        from41To45: '41–45',
        from46To50: '46–50',
        over50: '>50',
      },
    },
    compliance: {
      title: 'Organisational life (branch × month)',
      range: '{from} to {to}, by the month each period ends',
      aria: 'Heat map: organisational life of each branch by month; green met, amber open, red missed',
      tooltip: 'met {met} · open {open} · missed {missed}',
      MET: 'Met',
      OPEN: 'Period open',
      MISSED: 'Missed',
      empty: 'No branches assessed',
    },
  },
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
