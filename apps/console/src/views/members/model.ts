// The member vocabulary the console uses, without any I/O.

export const MEMBER_FLAGS = ['MOBILE', 'LOST_CONTACT'] as const;
export type MemberFlag = (typeof MEMBER_FLAGS)[number];
