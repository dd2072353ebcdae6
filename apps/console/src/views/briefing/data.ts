import type { RouteLocationRaw } from 'vue-router';
import type { QuerySchema } from '@/utils/route-query';
import type { Briefing, BriefingDocument, BriefingFigure, BriefingSource } from './api';

export const FILTER_SCHEMA = {
  from: { kind: 'string' },
  to: { kind: 'string' },
  organizationId: { kind: 'string' },
} satisfies QuerySchema;

function list(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function flag(value: unknown, yes: string, no?: string): string | undefined {
  if (value === true) return yes;
  if (value === false) return no;
  return undefined;
}

/** Leaves out what is not set, so the list opens with only the filter that reproduces the figure. */
function query(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * The console page (and filter) that lists the records behind a figure, or null when the records
 * are not listed on a page of this area (staff, instructors, units, enterprises' requests).
 */
export function sourceRoute(source: BriefingSource): RouteLocationRaw | null {
  const f = source.filter;
  const organizationId = text(f.organizationId);
  switch (source.entityType) {
    case 'Activity': {
      const kinds = list(f.kind);
      return {
        name: 'activities',
        query: query({ tab: kinds === 'CITY_CLEANING' ? 'cleaning' : undefined, kind: kinds === 'CITY_CLEANING' ? undefined : kinds, heldFrom: text(f.heldFrom), heldTo: text(f.heldTo), organizationId }),
      };
    }
    case 'Wish':
      return { name: 'activities', query: query({ tab: 'wishes', status: list(f.status), category: list(f.beneficiaryCategory), organizationId }) };
    case 'ChecklistItem': {
      const kinds = Array.isArray(f.kind) ? f.kind.map(String) : [];
      return {
        name: 'checklist',
        query: query({ kind: kinds.length === 1 ? kinds[0] : undefined, status: list(f.status), overdue: flag(f.overdue, '1'), published: flag(f.published, 'yes', 'no'), organizationId }),
      };
    }
    case 'Meeting':
      return { name: 'meetings', query: query({ tab: 'records', type: list(f.type), heldFrom: text(f.heldFrom), heldTo: text(f.heldTo), organizationId }) };
    case 'MeetingCompliance':
      return { name: 'meetings', query: query({ from: text(f.from), to: text(f.to), missed: flag(f.missed, '1'), organizationId }) };
    case 'CommitteeSeat':
      return { name: 'elections', query: query({ organizationIds: list(f.organizationIds), asOf: text(f.asOf) }) };
    case 'Election':
      return { name: 'elections', query: query({ organizationIds: list(f.organizationIds), asOf: text(f.electedTo) }) };
    case 'Member':
      return { name: 'members', query: query({ status: list(f.status), organizationId }) };
    case 'Organization':
      return { name: 'organizations' };
    case 'Community':
      return { name: 'communities' };
    case 'ServiceCenter':
      return { name: 'service-centers', query: query({ level: text(f.level), standardMet: flag(f.standardMet, 'true', 'false') }) };
    case 'ServiceRecord':
      return { name: 'service-centers', query: query({ tab: 'records', servedFrom: text(f.servedFrom), servedTo: text(f.servedTo) }) };
    case 'AllianceUnit':
      return { name: 'alliance', query: query({ activeOn: text(f.activeOn) }) };
    case 'LinkageProject':
      return { name: 'alliance', query: query({ tab: 'projects', linkageType: list(f.linkageType), heldFrom: text(f.heldFrom), heldTo: text(f.heldTo) }) };
    case 'Evaluation':
      return {
        name: 'livelihood',
        query: query({ tab: 'evaluations', monthFrom: text(f.monthFrom), monthTo: text(f.monthTo), maxRank: typeof f.maxRank === 'number' ? String(f.maxRank) : undefined }),
      };
    case 'ReliefPayment':
      return { name: 'livelihood', query: query({ kind: list(f.kind), paidFrom: text(f.paidFrom), paidTo: text(f.paidTo), organizationId }) };
    case 'RenovationProject':
      return { name: 'livelihood', query: query({ tab: 'renovations', renovationKind: text(f.kind), status: list(f.status), organizationId }) };
    case 'Request':
      if (f.source !== 'RESIDENT') return null;
      return {
        name: 'resident-requests',
        query: query({ status: list(f.status), overdue: flag(f.overdue, '1'), receivedFrom: text(f.receivedFrom), receivedTo: text(f.receivedTo), organizationId }),
      };
    case 'RequestStats':
      return f.source === 'RESIDENT' ? { name: 'resident-requests', query: query({ tab: 'stats', receivedFrom: text(f.receivedFrom), receivedTo: text(f.receivedTo) }) } : null;
    default:
      return null;
  }
}

export interface Segment {
  text: string;
  figure: BriefingFigure | null;
}

/**
 * A paragraph cut into plain text and its figures, found in order (as the server wrote them). A
 * figure the reader edited away is not found and is returned among the missing.
 */
export function segments(text: string, figures: readonly BriefingFigure[]): { segments: Segment[]; missing: BriefingFigure[] } {
  const parts: Segment[] = [];
  const missing: BriefingFigure[] = [];
  let from = 0;
  for (const figure of figures) {
    const at = figure.value ? text.indexOf(figure.value, from) : -1;
    if (at < 0) {
      missing.push(figure);
      continue;
    }
    if (at > from) parts.push({ text: text.slice(from, at), figure: null });
    parts.push({ text: figure.value, figure });
    from = at + figure.value.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), figure: null });
  return { segments: parts, missing };
}

/** 1 → 一, 12 → 十二: the numbering of the report's parts. */
export function chineseNumber(n: number): string {
  const digits = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n - 1];
  if (n < 20) return `十${n % 10 ? digits[(n % 10) - 1] : ''}`;
  return `${digits[Math.floor(n / 10) - 1]}十${n % 10 ? digits[(n % 10) - 1] : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The periods offered beside the date picker, reckoned from today ('YYYY-MM-DD'). */
export function periodShortcuts(today: string): Record<'thisYear' | 'firstHalf' | 'lastQuarter' | 'lastMonth' | 'lastYear', [string, string]> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarter = Math.ceil(month / 3);
  const [qYear, qIndex] = quarter === 1 ? [year - 1, 4] : [year, quarter - 1];
  const [mYear, mIndex] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return {
    thisYear: [`${year}-01-01`, today],
    firstHalf: [`${year}-01-01`, `${year}-06-30`],
    lastQuarter: [`${qYear}-${pad((qIndex - 1) * 3 + 1)}-01`, lastDay(qYear, qIndex * 3)],
    lastMonth: [`${mYear}-${pad(mIndex)}-01`, lastDay(mYear, mIndex)],
    lastYear: [`${year - 1}-01-01`, `${year - 1}-12-31`],
  };
}

/** An editable copy of a paragraph: the text as it is now, and as it was generated. */
export interface DraftParagraph {
  title: string | null;
  text: string;
  original: string;
  figures: BriefingFigure[];
}

export interface Draft {
  title: string;
  sections: Array<{ key: string; heading: string; paragraphs: DraftParagraph[] }>;
}

export function draftOf(briefing: Briefing): Draft {
  return {
    title: briefing.title,
    sections: briefing.sections.map((section) => ({
      key: section.key,
      heading: section.heading,
      paragraphs: section.paragraphs.map((p) => ({ title: p.title, text: p.text, original: p.text, figures: p.figures })),
    })),
  };
}

/** The briefing as the reader edited it, for the Word export; emptied paragraphs are left out. */
export function documentOf(draft: Draft, periodLabel: string | null): BriefingDocument {
  return {
    title: draft.title.trim(),
    period: periodLabel,
    sections: draft.sections.map((section) => ({
      heading: section.heading,
      paragraphs: section.paragraphs.filter((p) => p.text.trim()).map((p) => ({ title: p.title, text: p.text.trim() })),
    })),
  };
}

export function editedCount(draft: Draft): number {
  return draft.sections.reduce((sum, section) => sum + section.paragraphs.filter((p) => p.text !== p.original).length, 0);
}
