/**
 * The meetings of organisational life (组织生活) and how often each is measured. Kept apart from
 * organizational-life.ts so that the settings catalogue can name them without pulling in more.
 */
export const MEETING_TYPES = [
  'BRANCH_ASSEMBLY',
  'BRANCH_COMMITTEE_MEETING',
  'PARTY_GROUP_MEETING',
  'PARTY_LECTURE',
  'THEME_PARTY_DAY',
  'ORGANIZATIONAL_LIFE_MEETING',
  'DEMOCRATIC_APPRAISAL',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  BRANCH_ASSEMBLY: '支部党员大会',
  BRANCH_COMMITTEE_MEETING: '支委会',
  PARTY_GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课',
  THEME_PARTY_DAY: '主题党日',
  ORGANIZATIONAL_LIFE_MEETING: '组织生活会',
  DEMOCRATIC_APPRAISAL: '民主评议党员',
};

export const FREQUENCIES = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  MONTH: '每月',
  QUARTER: '每季度',
  YEAR: '每年',
};
