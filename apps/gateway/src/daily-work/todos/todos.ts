import {
  addDays,
  addYears,
  compareDays,
  listChecklistItems,
  listElections,
  listGuidanceVisits,
  listTransfers,
  loadSettings,
  organizationsByIds,
  termWarning,
  TRANSFER_STATUS_LABELS,
  UPCOMING_DAYS,
  type Connection,
  type DataScope,
  type Election,
  type Settings,
  type TransferRecord,
} from '@dangjian/domain';
import type { DataSource } from 'typeorm';
import type { TodoItem, TodoKind, TodoSummary } from './todo.types.js';
import { TODO_KINDS } from './todo.types.js';

/** Where the console acts on each kind of record. */
export const TODO_ROUTES = {
  transfer: (id: string) => `/transfers?id=${id}`,
  checklistItem: (id: string) => `/branch-work/checklist?id=${id}`,
  guidanceVisit: (id: string) => `/non-public/guidance?id=${id}`,
  elections: (organizationId: string) => `/organizations?id=${organizationId}&tab=elections`,
};

/** Rows read per kind: the items shown; the counts are exact whatever this is. */
const PAGE = 100;
/** The longest term (settings allow at most 10 years): older elections cannot still be running. */
const MAX_TERM_YEARS = 10;

interface KindResult {
  count: number;
  items: TodoItem[];
}

export interface TodoQuery {
  dataSource: DataSource;
  scope: DataScope;
  today: string;
  timeZone: string;
}

function item(kind: TodoKind, values: Omit<TodoItem, 'kind' | 'overdue'>, today: string): TodoItem {
  return { kind, ...values, overdue: values.dueOn !== null && compareDays(values.dueOn, today) < 0 };
}

const DIRECTION = { OUTGOING: '转出', INCOMING: '转入' } as const;

function transferTitle(transfer: TransferRecord): string {
  const other = transfer.direction === 'OUTGOING' ? `转往${transfer.toOrganizationName}` : `来自${transfer.fromOrganizationName}`;
  return `${DIRECTION[transfer.direction]}：${transfer.memberName}（${other}，${TRANSFER_STATUS_LABELS[transfer.status]}）`;
}

async function transfersAwaitingMe(q: TodoQuery): Promise<KindResult> {
  const page = await listTransfers(q.dataSource, q.scope, { workList: 'TODO' }, { first: PAGE }, { today: q.today, timeZone: q.timeZone });
  return {
    count: page.totalCount,
    items: page.nodes.map((transfer) =>
      item(
        'TRANSFER_AWAITING_ACTION',
        {
          title: transferTitle(transfer),
          dueOn: transfer.status === 'IN_TRANSIT' ? transfer.letterExpiresOn : null,
          route: TODO_ROUTES.transfer(transfer.id),
          entityType: 'Transfer',
          entityId: transfer.id,
        },
        q.today,
      ),
    ),
  };
}

/** Letters running out within the 即将办理 window, and letters already run out while in transit. */
async function lettersExpiring(q: TodoQuery): Promise<KindResult> {
  const options = { today: q.today, timeZone: q.timeZone };
  const [soon, expired] = await Promise.all([
    listTransfers(q.dataSource, q.scope, { workList: 'UPCOMING', status: ['IN_TRANSIT'] }, { first: PAGE }, options),
    listTransfers(q.dataSource, q.scope, { overdue: true, status: ['IN_TRANSIT'] }, { first: PAGE }, options),
  ]);
  const toItem = (transfer: TransferRecord) =>
    item(
      'LETTER_EXPIRING',
      {
        title: `介绍信${transfer.letterExpiresOn && compareDays(transfer.letterExpiresOn, q.today) < 0 ? '已过期' : '即将到期'}：${transfer.memberName}（${DIRECTION[transfer.direction]}，${
          transfer.direction === 'OUTGOING' ? transfer.toOrganizationName : transfer.fromOrganizationName
        }）`,
        dueOn: transfer.letterExpiresOn,
        route: TODO_ROUTES.transfer(transfer.id),
        entityType: 'Transfer',
        entityId: transfer.id,
      },
      q.today,
    );
  return { count: soon.totalCount + expired.totalCount, items: [...expired.nodes, ...soon.nodes].map(toItem) };
}

async function receiptsOverdue(q: TodoQuery, settings: Settings): Promise<KindResult> {
  const page = await listTransfers(q.dataSource, q.scope, { overdue: true, status: ['RECEIVED'] }, { first: PAGE }, {
    today: q.today,
    timeZone: q.timeZone,
    settings,
  });
  return {
    count: page.totalCount,
    items: page.nodes.map((transfer) =>
      item(
        'RECEIPT_OVERDUE',
        {
          title: `回执逾期未寄回：${transfer.memberName}（${transfer.receivedOn ?? ''} 接收）`,
          dueOn: transfer.receivedOn ? addDays(transfer.receivedOn, settings.receiptDueDays) : null,
          route: TODO_ROUTES.transfer(transfer.id),
          entityType: 'Transfer',
          entityId: transfer.id,
        },
        q.today,
      ),
    ),
  };
}

async function checklistOverdue(q: TodoQuery, problems: boolean): Promise<KindResult> {
  const kind = problems ? (['PROBLEM'] as const) : (['RESPONSIBILITY', 'STUDY', 'RESOURCE', 'ACTIVITY'] as const);
  const page = await listChecklistItems(q.dataSource, q.scope, {
    filter: { kind: [...kind], overdue: true, today: q.today },
    first: PAGE,
    sort: { field: 'CREATED_AT', direction: 'ASC' },
  });
  return {
    count: page.totalCount,
    items: page.nodes.map((row) =>
      item(
        problems ? 'RECTIFICATION_OVERDUE' : 'CHECKLIST_ITEM_OVERDUE',
        {
          title: `${problems ? '问题整改逾期' : '清单事项逾期'}：${row.title}`,
          dueOn: row.dueOn,
          route: TODO_ROUTES.checklistItem(row.id),
          entityType: 'ChecklistItem',
          entityId: row.id,
        },
        q.today,
      ),
    ),
  };
}

/** Follow-ups past their day, and those falling due within the 即将办理 window. */
async function guidanceFollowUps(q: TodoQuery): Promise<KindResult> {
  const until = addDays(q.today, UPCOMING_DAYS);
  const [overdue, recent] = await Promise.all([
    listGuidanceVisits(q.dataSource, q.scope, { filter: { followUpOverdue: true, today: q.today }, first: PAGE }),
    // A follow-up is set weeks after its visit (followUpDueDays by default): the visits of the last
    // year, newest first, hold every one that can fall due in the coming days.
    listGuidanceVisits(q.dataSource, q.scope, { filter: { visitedFrom: addYears(q.today, -1) }, first: PAGE }),
  ]);
  const dueSoon = recent.nodes.filter(
    (visit) =>
      visit.followUpDueOn !== null &&
      visit.followUpDoneOn === null &&
      compareDays(visit.followUpDueOn, q.today) >= 0 &&
      compareDays(visit.followUpDueOn, until) <= 0,
  );
  const visits = [...overdue.nodes, ...dueSoon];
  const names = await organizationsByIds(q.dataSource, q.scope, [...new Set(visits.map((v) => v.organizationId))]);
  return {
    count: overdue.totalCount + dueSoon.length,
    items: visits.map((visit) =>
      item(
        'GUIDANCE_FOLLOW_UP_DUE',
        {
          title: `指导整改${compareDays(visit.followUpDueOn!, q.today) < 0 ? '逾期' : '即将到期'}：${names.get(visit.organizationId)?.name ?? '支部'}（${visit.visitedOn} 指导发现的问题）`,
          dueOn: visit.followUpDueOn,
          route: TODO_ROUTES.guidanceVisit(visit.id),
          entityType: 'GuidanceVisit',
          entityId: visit.id,
        },
        q.today,
      ),
    ),
  };
}

/** Each organisation's latest election whose term ends within the warning days, or has ended. */
async function termsEnding(q: TodoQuery, settings: Settings): Promise<KindResult> {
  const latest = new Map<string, Election>();
  let after: string | null = null;
  for (;;) {
    const page: Connection<Election> = await listElections(q.dataSource, q.scope, {
      filter: { electedFrom: addYears(q.today, -MAX_TERM_YEARS) },
      first: PAGE,
      after,
      sort: { field: 'ELECTED_ON', direction: 'DESC' },
    });
    for (const election of page.nodes) if (!latest.has(election.organizationId)) latest.set(election.organizationId, election);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const due = [...latest.values()].filter((election) => termWarning(election.termEndsOn, q.today, settings) !== 'OK');
  const names = await organizationsByIds(q.dataSource, q.scope, due.map((e) => e.organizationId));
  return {
    count: due.length,
    items: due.map((election) =>
      item(
        'TERM_ENDING',
        {
          title: `换届提醒：${names.get(election.organizationId)?.name ?? '党组织'}班子任期${
            compareDays(election.termEndsOn, q.today) <= 0 ? '已于' : '将于'
          } ${election.termEndsOn} 届满`,
          dueOn: election.termEndsOn,
          route: TODO_ROUTES.elections(election.organizationId),
          entityType: 'Election',
          entityId: election.id,
        },
        q.today,
      ),
    ),
  };
}

/** The kinds a checklist item's change may alter: remembered apart, so that such a write keeps the others. */
export const CHECKLIST_TODO_KINDS: readonly TodoKind[] = ['RECTIFICATION_OVERDUE', 'CHECKLIST_ITEM_OVERDUE'];

export type TodoResults = Partial<Record<TodoKind, KindResult>>;

/**
 * The lists behind the to-do summary for `kinds`, within the caller's data scope: transfers whose
 * next step is theirs, letters and receipts running late, overdue checklist items, guidance
 * follow-ups falling due and committees whose term is ending.
 */
export async function collectTodoKinds(q: TodoQuery, kinds: readonly TodoKind[]): Promise<TodoResults> {
  const settings = await loadSettings(q.dataSource.manager);
  const readers: Record<TodoKind, () => Promise<KindResult>> = {
    TRANSFER_AWAITING_ACTION: () => transfersAwaitingMe(q),
    LETTER_EXPIRING: () => lettersExpiring(q),
    RECEIPT_OVERDUE: () => receiptsOverdue(q, settings),
    RECTIFICATION_OVERDUE: () => checklistOverdue(q, true),
    CHECKLIST_ITEM_OVERDUE: () => checklistOverdue(q, false),
    GUIDANCE_FOLLOW_UP_DUE: () => guidanceFollowUps(q),
    TERM_ENDING: () => termsEnding(q, settings),
  };
  // The kinds are independent reads: asked at once, the summary takes as long as the slowest.
  const results = await Promise.all(kinds.map((kind) => readers[kind]()));
  return Object.fromEntries(kinds.map((kind, i) => [kind, results[i]]));
}

/** The summary of every kind's results: overdue items first, then by due day. */
export function summarizeTodos(results: TodoResults, limit: number): TodoSummary {
  const counts = TODO_KINDS.map((kind) => ({ kind, count: results[kind]?.count ?? 0 })).filter((entry) => entry.count > 0);
  const items = TODO_KINDS.flatMap((kind) => results[kind]?.items ?? []).sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueOn && b.dueOn ? a.dueOn.localeCompare(b.dueOn) : a.dueOn ? -1 : b.dueOn ? 1 : 0) ||
      TODO_KINDS.indexOf(a.kind) - TODO_KINDS.indexOf(b.kind),
  );
  return { total: counts.reduce((sum, entry) => sum + entry.count, 0), counts, items: items.slice(0, limit) };
}
