// The transfer vocabulary the console uses, without any I/O (shared by the API layer and pure logic).

export const WORK_LISTS = ['TODO', 'UNFINISHED', 'UPCOMING'] as const;
export type WorkList = (typeof WORK_LISTS)[number];

export const TRANSFER_ACTIONS = ['APPROVE', 'ISSUE_LETTER', 'RECEIVE', 'RETURN', 'WITHDRAW', 'REVOKE', 'CONFIRM_RECEIPT', 'REISSUE'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];
