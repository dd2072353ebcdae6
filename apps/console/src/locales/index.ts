import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Language } from 'element-plus/es/locale';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { createI18n } from 'vue-i18n';
import { shallowRef } from 'vue';
import { LOCALES, runtimeConfig, type LocaleCode } from '@/config/runtime';
import zhCN from './zh-CN';

/**
 * zh-CN ships with the first page; en-US (ours and Element Plus's) is fetched the first time
 * someone switches, so the sign-in page stays small.
 */
const STORAGE_KEY = 'dangjian.locale';

function initialLocale(): LocaleCode {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (saved && LOCALES.includes(saved as LocaleCode)) return saved as LocaleCode;
  return runtimeConfig().defaultLocale;
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: 'zh-CN' as LocaleCode,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as Partial<Record<LocaleCode, typeof zhCN>>,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

/** Element Plus's own texts (date pickers, pagination, empty tables) in the same language. */
export const elementLocale = shallowRef<Language>(elementZhCn);

const loaded = new Set<LocaleCode>(['zh-CN']);

export function currentLocale(): LocaleCode {
  return i18n.global.locale.value as LocaleCode;
}

export async function setLocale(locale: LocaleCode): Promise<void> {
  if (!loaded.has(locale)) {
    const [messages, element] = await Promise.all([import('./en-US'), import('element-plus/es/locale/lang/en')]);
    // merge, not set: feature areas may already have registered their en-US texts.
    i18n.global.mergeLocaleMessage(locale, messages.default);
    elementEn = element.default;
    loaded.add(locale);
  }
  i18n.global.locale.value = locale;
  elementLocale.value = locale === 'en-US' && elementEn ? elementEn : elementZhCn;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  localStorage.setItem(STORAGE_KEY, locale);
}

let elementEn: Language | undefined;

/** Call once before mounting: applies the saved or configured language. */
export async function initLocale(): Promise<void> {
  dayjs.locale('zh-cn');
  const locale = initialLocale();
  if (locale !== 'zh-CN') await setLocale(locale);
}

/** A plain translate function for code outside components (request layer, router). */
export function translate(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key);
}

/** A feature area's texts in both languages; en-US must have exactly the keys of zh-CN. */
export interface FeatureMessages {
  'zh-CN': Record<string, unknown>;
  'en-US': Record<string, unknown>;
}

const registered = new WeakSet<FeatureMessages>();

/**
 * Feature areas keep their texts in locales/modules/<area>.ts and register them when their view
 * chunk loads, so the sign-in page carries only the frame's texts.
 */
export function registerMessages(feature: FeatureMessages): void {
  if (registered.has(feature)) return;
  registered.add(feature);
  for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, feature[locale] as never);
}
