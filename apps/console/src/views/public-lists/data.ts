import { PUBLIC_KINDS, type PublicKind, type PublishedItem } from './api';

/** How often the screen asks again for what is published. */
export const REFRESH_MS = 60_000;

/** The three columns of the notice, each newest first. */
export function byKind(items: readonly PublishedItem[]): Record<PublicKind, PublishedItem[]> {
  const columns = Object.fromEntries(PUBLIC_KINDS.map((kind) => [kind, [] as PublishedItem[]])) as Record<PublicKind, PublishedItem[]>;
  for (const item of items) columns[item.kind]?.push(item);
  for (const kind of PUBLIC_KINDS) columns[kind].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.title.localeCompare(b.title, 'zh-CN'));
  return columns;
}

/** "2026年11月26日 星期四 14:05" for the screen's clock, in the platform's time zone. */
export function screenClock(now: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}年${parts.month}月${parts.day}日 ${parts.weekday}`, time: `${parts.hour}:${parts.minute}` };
}
