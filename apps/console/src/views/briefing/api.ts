import { ApiError, errorFromGraphQL, type GraphQLErrorItem } from '@/api/errors';
import { gql, type RequestOptions } from '@/api/request';
import { runtimeConfig } from '@/config/runtime';
import { currentLocale } from '@/locales';
import { useAuthStore } from '@/stores/auth';

export interface BriefingSource {
  entityType: string;
  /** The list filter, parsed from the JSON the gateway sends. */
  filter: Record<string, unknown>;
  count: number;
}

export interface BriefingFigure {
  label: string;
  value: string;
  source: BriefingSource;
}

export interface BriefingParagraph {
  title: string | null;
  text: string;
  figures: BriefingFigure[];
}

export interface BriefingSection {
  key: string;
  heading: string;
  paragraphs: BriefingParagraph[];
}

export interface Briefing {
  title: string;
  subject: string;
  organizationId: string | null;
  period: { from: string; to: string; asOf: string; label: string };
  sections: BriefingSection[];
}

interface RawBriefing extends Omit<Briefing, 'sections'> {
  sections: Array<Omit<BriefingSection, 'paragraphs'> & { paragraphs: Array<Omit<BriefingParagraph, 'figures'> & { figures: Array<Omit<BriefingFigure, 'source'> & { source: Omit<BriefingSource, 'filter'> & { filter: string } }> }> }>;
}

function parseFilter(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function generateBriefing(input: { from: string; to: string; organizationId?: string | null }, options: RequestOptions = {}): Promise<Briefing> {
  return gql<{ workBriefing: RawBriefing }>(
    `query WorkBriefing($input: WorkBriefingInput!) {
      workBriefing(input: $input) {
        title subject organizationId
        period { from to asOf label }
        sections { key heading paragraphs { title text figures { label value source { entityType filter count } } } }
      }
    }`,
    { input: { from: input.from, to: input.to, organizationId: input.organizationId || null } },
    options,
  ).then(({ workBriefing }) => ({
    ...workBriefing,
    sections: workBriefing.sections.map((section) => ({
      ...section,
      paragraphs: section.paragraphs.map((paragraph) => ({
        ...paragraph,
        figures: paragraph.figures.map((figure) => ({ ...figure, source: { ...figure.source, filter: parseFilter(figure.source.filter) } })),
      })),
    })),
  }));
}

/** What the .docx export takes: the briefing as edited, without the figures' sources. */
export interface BriefingDocument {
  title: string;
  period: string | null;
  sections: Array<{ heading: string; paragraphs: Array<{ title: string | null; text: string }> }>;
}

/** The file name the server gave (RFC 5987 `filename*` first), or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const extended = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition) : null;
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return fallback;
    }
  }
  return fallback;
}

/**
 * POSTs the edited briefing to /export/briefing.docx with the session's token (a link cannot carry
 * it) and hands the Word file to the browser. Resolves with the file's name; rejects with an ApiError.
 */
export async function downloadBriefing(document: BriefingDocument, fallbackName: string): Promise<string> {
  const auth = useAuthStore();
  const url = `${runtimeConfig().exportUrl.replace(/\/$/, '')}/briefing.docx`;
  const send = () =>
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'Accept-Language': currentLocale(),
        ...(auth.accessToken ? { Authorization: `Bearer ${auth.accessToken}` } : {}),
      },
      body: JSON.stringify(document),
    });
  let response: Response;
  try {
    await auth.ensureFresh();
    response = await send();
    if (response.status === 401 && (await auth.refresh())) response = await send();
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', String(error));
  }
  if (!response.ok) {
    let body: { errors?: GraphQLErrorItem[] } | undefined;
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = undefined;
    }
    if (body?.errors?.length) throw errorFromGraphQL(body.errors, response.status);
    throw new ApiError(response.status === 403 ? 'FORBIDDEN' : response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR', `HTTP ${response.status}`);
  }
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = href;
  link.download = name;
  link.rel = 'noopener';
  window.document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started; the object URL is not needed after the click is handled.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
