// 工作简报: the subdistrict's report, written from the live records with every figure traceable.
export { generateBriefing, type BriefingOptions } from './briefing.service.js';
export { BRIEFING_SECTION_KEYS } from './writer.js';
export type {
  Briefing,
  BriefingFigure,
  BriefingParagraph,
  BriefingPeriod,
  BriefingSection,
  BriefingSectionKey,
  BriefingSource,
} from './writer.js';
