import { formatOneDecimal, formatPercentOneDecimal } from '../../rules/cadre.js';
import { lastDayOfMonth } from '../../rules/dates.js';

/**
 * How a briefing is worded: pure helpers that turn numbers and days into the register of the
 * subdistrict's own reports ("今年以来，…街道以…为抓手…"), and a paragraph builder that keeps every
 * figure written into the text together with the records it came from.
 */

/** Where a figure came from: the list (and its filter) a reader opens to see the records behind it. */
export interface BriefingSource {
  /** The entity listed, e.g. "Activity", "CommitteeSeat", "ChecklistItem". */
  entityType: string;
  /** The list's filter, with the names the GraphQL list filters use. */
  filter: Record<string, unknown>;
  /** How many records stand behind the figure. */
  count: number;
}

export interface BriefingFigure {
  /** What the figure counts or measures, in Chinese (e.g. "书记、委员人数"). */
  label: string;
  /** The figure exactly as it is written in the text (e.g. "27", "34.4", "96.3%"). */
  value: string;
  source: BriefingSource;
}

export interface BriefingParagraph {
  /** A run-in heading (a community's name in the highlights section); null for plain prose. */
  title: string | null;
  text: string;
  figures: BriefingFigure[];
}

/** The parts of a briefing, in the order the subdistrict's reports have them. */
export const BRIEFING_SECTION_KEYS = [
  'summary',
  'organization',
  'activities',
  'results',
  'communities',
] as const;
export type BriefingSectionKey = (typeof BRIEFING_SECTION_KEYS)[number];

export interface BriefingSection {
  key: BriefingSectionKey;
  heading: string;
  paragraphs: BriefingParagraph[];
}

export interface BriefingPeriod {
  from: string;
  to: string;
  /** The day the standing figures (members, staff, committees, lists) are taken on. */
  asOf: string;
  /** "2026年1月1日—2026年11月26日" */
  label: string;
}

export interface Briefing {
  title: string;
  /** Whose work it reports: "陇海马路街道", "新郑路社区". */
  subject: string;
  organizationId: string | null;
  period: BriefingPeriod;
  sections: BriefingSection[];
}

/** A figure to write into a paragraph: its text and where it came from. */
export function figure(value: string | number, label: string, source: BriefingSource): BriefingFigure {
  return { label, value: String(value), source };
}

type Piece = string | number | BriefingFigure | null | undefined | false;

/**
 * A paragraph as a tagged template: literal text, plain values, and figures (written as their value
 * and kept in `figures`, in the order they appear). null, undefined and false write nothing, so
 * an optional clause can be `${cond && clause}`.
 */
export function paragraph(strings: TemplateStringsArray, ...pieces: Piece[]): BriefingParagraph {
  let text = strings[0];
  const figures: BriefingFigure[] = [];
  pieces.forEach((piece, index) => {
    if (piece !== null && piece !== undefined && piece !== false) {
      if (typeof piece === 'object') {
        figures.push(piece);
        text += piece.value;
      } else text += String(piece);
    }
    text += strings[index + 1];
  });
  return { title: null, text, figures };
}

/** Joins clauses, each already a paragraph, into one sentence run; figures keep their order. */
export function joinParagraphs(
  parts: ReadonlyArray<BriefingParagraph | null | false | undefined>,
  separator = '',
): BriefingParagraph {
  const kept = parts.filter((part): part is BriefingParagraph => Boolean(part));
  return {
    title: null,
    text: kept.map((part) => part.text).join(separator),
    figures: kept.flatMap((part) => part.figures),
  };
}

/** 2026-01-05 → "2026年1月5日" */
export function chineseDay(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** 2026-01-05 → "1月5日" */
export function chineseMonthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** 2021-12-18 → "2021年12月" */
export function chineseMonth(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月`;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/**
 * How the report names its period at the start of a sentence: "今年以来" for this year up to today,
 * otherwise a month, a quarter, a year, or the two days.
 */
export function periodPhrase(from: string, to: string, today: string): string {
  const year = from.slice(0, 4);
  const sameYear = to.slice(0, 4) === year;
  if (sameYear && from === `${year}-01-01`) {
    if (to === `${year}-12-31`) return year === today.slice(0, 4) ? '今年以来' : `${Number(year)}年`;
    if (year === today.slice(0, 4) && to >= today) return '今年以来';
  }
  if (from.slice(8) === '01' && to === lastDayOfMonth(from.slice(0, 7))) return chineseMonth(from);
  const month = Number(from.slice(5, 7));
  if (sameYear && from.slice(8) === '01' && (month - 1) % 3 === 0) {
    const quarterEnd = lastDayOfMonth(`${year}-${String(month + 2).padStart(2, '0')}`);
    if (to === quarterEnd) return `${Number(year)}年第${QUARTER_NAMES[(month - 1) / 3]}季度`;
  }
  return sameYear ? `${chineseDay(from)}至${chineseMonthDay(to)}` : `${chineseDay(from)}至${chineseDay(to)}`;
}

/** The period under the title: "2026年1月1日—2026年11月26日". */
export function periodLabel(from: string, to: string): string {
  return from === to ? chineseDay(from) : `${chineseDay(from)}—${chineseDay(to)}`;
}

/** "截至11月26日" for the standing figures, or nothing when the period ends today or later. */
export function asOfPhrase(asOf: string, today: string): string {
  return asOf >= today ? '目前' : `截至${chineseDay(asOf)}`;
}

/** 陇海马路街道党工委 → 陇海马路街道; 新郑路社区党总支 → 新郑路社区. */
export function subjectName(organizationName: string): string {
  const suffixes = ['联合党支部', '党工委', '党委', '党总支', '党支部', '总支', '支部'];
  for (const suffix of suffixes) {
    if (organizationName.endsWith(suffix) && organizationName.length > suffix.length) {
      return organizationName.slice(0, -suffix.length);
    }
  }
  return organizationName;
}

/** Integer fen as 万元 with up to two decimals: 190_560_000 fen → "190.56". */
export function wanYuan(fen: number): string {
  const wan = Math.round(fen / 10_000) / 100;
  return wan.toFixed(2).replace(/\.?0+$/, '');
}

/** Hours as people say them: under a day in hours (one decimal at most), beyond it in days. */
export function hoursPhrase(hours: number): string {
  if (hours < 48) return `${formatOneDecimal(hours).replace(/\.0$/, '')}小时`;
  return `${formatOneDecimal(hours / 24).replace(/\.0$/, '')}天`;
}

/** "、" between items, as lists are written. */
export function listOf(items: readonly string[]): string {
  return items.join('、');
}

/** A name in quotation marks; quotation marks inside it become the inner pair (‘’). */
export function quoted(name: string): string {
  return `“${name.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** Ends a sentence once, whatever the source text ended with. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[。；;，,\s]+$/u, '');
  return trimmed ? `${trimmed}。` : '';
}

export { formatOneDecimal, formatPercentOneDecimal };

/** The last day of the period that has already happened (the standing figures cannot be in the future). */
export function defaultAsOf(to: string, today: string): string {
  return to < today ? to : today;
}

/** Mends the punctuation where optional clauses were left out: "；。" and "，。" become "。". */
export function tidy(paragraphValue: BriefingParagraph): BriefingParagraph {
  return {
    ...paragraphValue,
    text: paragraphValue.text.replace(/[；，、]+。/g, '。').replace(/。{2,}/g, '。'),
  };
}
