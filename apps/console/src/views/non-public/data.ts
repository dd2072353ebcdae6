import type { QuerySchema, QueryValues } from '@/utils/route-query';
import { validateCreditCode, type ValidationReason } from '@/utils/validators';
import type { ImportProblem, Unit, UnitFilter, VisitFilter } from './api';
import { GUIDANCE_ITEMS, UNIT_CATEGORIES, type GuidanceItem, type GuidanceItemState, type UnitCategory } from './model';

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger';

// ── 单位排查 ───────────────────────────────────────────────────────────────────

export const SURVEYED_OPTIONS = ['yes', 'no'] as const;
export const COVERAGE_OPTIONS = ['covered', 'uncovered'] as const;

export const UNIT_FILTER_SCHEMA = {
  search: { kind: 'string' },
  category: { kind: 'strings', allowed: UNIT_CATEGORIES },
  organizationId: { kind: 'string' },
  surveyed: { kind: 'string', allowed: SURVEYED_OPTIONS },
  coverage: { kind: 'string', allowed: COVERAGE_OPTIONS },
  needsOwn: { kind: 'boolean', default: false },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type UnitFilters = QueryValues<typeof UNIT_FILTER_SCHEMA>;

export function toUnitFilter(filters: UnitFilters): UnitFilter {
  const filter: UnitFilter = {};
  if (filters.search.trim()) filter.search = filters.search.trim();
  if (filters.category.length) filter.category = filters.category as UnitCategory[];
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.surveyed) filter.surveyed = filters.surveyed === 'yes';
  if (filters.coverage) filter.organizationCovered = filters.coverage === 'covered';
  if (filters.needsOwn) filter.needsOwnOrganization = true;
  return filter;
}

/** The same filter as query parameters of /export/units.xlsx. */
export function unitExportParams(filter: UnitFilter): Record<string, string | boolean | string[] | undefined> {
  return {
    search: filter.search,
    category: filter.category,
    organizationId: filter.organizationId,
    surveyed: filter.surveyed,
    organizationCovered: filter.organizationCovered,
    needsOwnOrganization: filter.needsOwnOrganization,
  };
}

/** How a unit is covered: its own organisation, a joint branch, not at all, or not though it should have its own. */
export type UnitCoverage = 'OWN' | 'JOINT' | 'NEEDS_OWN' | 'UNCOVERED';

export function unitCoverage(unit: Pick<Unit, 'organizationId' | 'jointBranchOrganizationId' | 'needsOwnOrganization'>): UnitCoverage {
  if (unit.needsOwnOrganization) return 'NEEDS_OWN';
  if (unit.organizationId) return 'OWN';
  if (unit.jointBranchOrganizationId) return 'JOINT';
  return 'UNCOVERED';
}

export const COVERAGE_TAG: Record<UnitCoverage, TagType> = { OWN: 'success', JOINT: 'success', NEEDS_OWN: 'danger', UNCOVERED: 'warning' };

/** 非公企业 and 社会组织 must give their credit code (the domain refuses them without). */
export function creditCodeRequired(category: string): boolean {
  return category === 'NON_PUBLIC_ENTERPRISE' || category === 'SOCIAL_ORGANIZATION';
}

export function checkCreditCode(value: unknown): ValidationReason | null {
  return validateCreditCode(value);
}

export const UNIT_NAME_MAX = 100;
export const ADDRESS_MAX = 200;
export const COUNT_MAX = 1_000_000;

/** The rows of an import report, one per bad row, its problems in column order. */
export function problemsByRow(problems: readonly ImportProblem[]): { row: number; problems: ImportProblem[] }[] {
  const rows = new Map<number, ImportProblem[]>();
  for (const problem of problems) rows.set(problem.row, [...(rows.get(problem.row) ?? []), problem]);
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([row, list]) => ({ row, problems: list }));
}

/** Only a spreadsheet the gateway can read: .xlsx by its name (the server checks the bytes too). */
export function isXlsxFile(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

export const MAX_IMPORT_MB = 5;

// ── 指导记录 ───────────────────────────────────────────────────────────────────

export const VISIT_FILTER_SCHEMA = {
  instructorId: { kind: 'string' },
  organizationId: { kind: 'string' },
  from: { kind: 'string' },
  to: { kind: 'string' },
  overdue: { kind: 'boolean', default: false },
  size: { kind: 'number', default: 20 },
} satisfies QuerySchema;

export type VisitFilters = QueryValues<typeof VISIT_FILTER_SCHEMA>;

export function toVisitFilter(filters: VisitFilters): VisitFilter {
  const filter: VisitFilter = {};
  if (filters.instructorId) filter.instructorId = filters.instructorId;
  if (filters.organizationId) filter.organizationId = filters.organizationId;
  if (filters.from) filter.visitedFrom = filters.from;
  if (filters.to) filter.visitedTo = filters.to;
  if (filters.overdue) filter.followUpOverdue = true;
  return filter;
}

export const STATE_TAG: Record<GuidanceItemState, TagType> = { GOOD: 'success', NEEDS_IMPROVEMENT: 'warning', NOT_DONE: 'danger' };

/** A guidance item not looked at on this visit: left out of the visit's items. */
export const NOT_CHECKED = 'NOT_CHECKED';
export type ItemChoice = GuidanceItemState | typeof NOT_CHECKED;

export interface VisitItemDraft {
  item: GuidanceItem;
  state: ItemChoice;
  note: string;
}

export function blankItems(): VisitItemDraft[] {
  return GUIDANCE_ITEMS.map((item) => ({ item, state: NOT_CHECKED, note: '' }));
}

/** The items a visit records: those looked at, in the order of the four. */
export function visitItems(drafts: readonly VisitItemDraft[]): { item: GuidanceItem; state: GuidanceItemState; note: string | null }[] {
  return drafts
    .filter((draft): draft is VisitItemDraft & { state: GuidanceItemState } => draft.state !== NOT_CHECKED)
    .map((draft) => ({ item: draft.item, state: draft.state, note: draft.note.trim() || null }));
}

/** Something to follow up: an item that needs improving or was not done. */
export function needsFollowUp(drafts: readonly VisitItemDraft[]): boolean {
  return drafts.some((draft) => draft.state === 'NEEDS_IMPROVEMENT' || draft.state === 'NOT_DONE');
}

/**
 * The server reports an item's problem as `items[2].state`, counting the items sent; the form shows
 * it at the row of the item concerned.
 */
export function itemProblems(
  errors: Record<string, string>,
  sent: readonly { item: GuidanceItem }[],
): Partial<Record<GuidanceItem, string>> {
  const result: Partial<Record<GuidanceItem, string>> = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^items\[(\d+)\]/.exec(path);
    const item = match ? sent[Number(match[1])]?.item : undefined;
    if (item) result[item] = result[item] ? `${result[item]}；${message}` : message;
  }
  return result;
}

export const FINDINGS_MAX = 5000;
export const ITEM_NOTE_MAX = 500;
export const INSTRUCTOR_NAME_MAX = 50;
export const INSTRUCTOR_TITLE_MAX = 100;

/** 'YYYY-MM-DD' plus some days (calendar arithmetic in UTC, so no zone shifts the day). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The calendar day a date picker means by a Date (its local midnight), as 'YYYY-MM-DD'. */
export function pickerDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
