export type LocaleCode = 'zh-CN' | 'en-US';
export const LOCALES: readonly LocaleCode[] = ['zh-CN', 'en-US'];

/** Settings the gateway writes into /app-config.js, so one build runs on any intranet host. */
export interface RuntimeConfig {
  /** Where GraphQL requests go; relative to the page's origin unless absolute. */
  graphqlUrl: string;
  /** Where spreadsheet exports are downloaded from. */
  exportUrl: string;
  appTitle: string;
  defaultLocale: LocaleCode;
  /** IANA zone in which times are shown and "today" is reckoned (the server's TZ). */
  timeZone: string;
}

/** What the file may hold: the gateway names the title `title`. */
type RawRuntimeConfig = Partial<RuntimeConfig> & { title?: string };

declare global {
  interface Window {
    __DANGJIAN_CONFIG__?: RawRuntimeConfig;
  }
}

const DEFAULTS: Omit<RuntimeConfig, 'timeZone'> = {
  graphqlUrl: '/graphql',
  exportUrl: '/export',
  appTitle: '党建工作平台',
  defaultLocale: 'zh-CN',
};

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

/** Only a zone this browser knows; otherwise its own. */
function validTimeZone(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return browserTimeZone();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value.trim() });
    return value.trim();
  } catch {
    return browserTimeZone();
  }
}

/** Tolerates a missing or partly wrong file: every setting falls back to its default. */
export function normalizeRuntimeConfig(raw: unknown): RuntimeConfig {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const text = (value: unknown, fallback: string) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  const locale = source.defaultLocale;
  return {
    graphqlUrl: text(source.graphqlUrl, DEFAULTS.graphqlUrl),
    exportUrl: text(source.exportUrl, DEFAULTS.exportUrl),
    appTitle: text(source.appTitle ?? source.title, DEFAULTS.appTitle),
    defaultLocale: LOCALES.includes(locale as LocaleCode) ? (locale as LocaleCode) : DEFAULTS.defaultLocale,
    timeZone: validTimeZone(source.timeZone),
  };
}

let cached: RuntimeConfig | undefined;

export function runtimeConfig(): RuntimeConfig {
  cached ??= normalizeRuntimeConfig(typeof window === 'undefined' ? undefined : window.__DANGJIAN_CONFIG__);
  return cached;
}
