// The one home of the gateway's spreadsheet helpers: every /export route (and the survey template
// and import) writes, names and audits its workbook through these.
import type { LoggerService } from '@nestjs/common';
import { DomainError, todayIn, writeAudit } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { actorOf, requestInfo } from '../common/principal.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface WorkbookTarget {
  req: Request;
  res: Response;
  dataSource: DataSource;
  timeZone: string;
  logger: LoggerService;
}

export interface SheetColumn {
  header: string;
  width: number;
}

export type Cell = string | number;

export interface WorkbookSpec {
  /** Audit entity type, e.g. "Member". */
  entityType: string;
  /** The filter as given, kept in the audit row. */
  filter: object;
  /** The Chinese file name, before the date, e.g. "党员名单". */
  file: string;
  sheet: string;
  columns: SheetColumn[];
  /** Rows a batch at a time (already masked as the caller requires). */
  batches: AsyncGenerator<Cell[][]>;
}

/** `attachment` headers with the Chinese name (RFC 5987) and an ASCII fallback. */
export function attachmentHeaders(res: Response, file: string, day: string): void {
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="export-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${file}-${day}.xlsx`)}`);
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Streams one worksheet to the response as the batches arrive, then audits the export (EXPORT,
 * with the filter and the row count, also when the download breaks off). The first batch is read
 * before any header is sent, so a bad filter or an id outside the scope is still an ordinary
 * JSON error (thrown to the caller's error filter).
 */
export async function streamWorkbook(target: WorkbookTarget, spec: WorkbookSpec): Promise<void> {
  const { req, res } = target;
  const first = await spec.batches.next();
  const info = requestInfo(req);
  res.status(200);
  attachmentHeaders(res, spec.file, todayIn(target.timeZone));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  workbook.creator = '党建工作平台';
  const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  let completed = false;
  try {
    let batch = first;
    while (!batch.done) {
      for (const values of batch.value) {
        sheet.addRow(values).commit();
        rows += 1;
      }
      batch = await spec.batches.next();
    }
    sheet.commit();
    await workbook.commit();
    completed = true;
  } catch (error) {
    target.logger.error(`[${info.requestId}] export failed after ${rows} rows: ${(error as Error).message}`);
    res.destroy(error as Error);
  } finally {
    await writeAudit(target.dataSource.manager, actorOf(info), {
      action: 'EXPORT',
      entityType: spec.entityType,
      reason: `导出${spec.file}（${rows} 行${completed ? '' : '，未完成'}）`,
      after: { filter: spec.filter, rows, completed },
    }).catch((error: unknown) => target.logger.error(`[${info.requestId}] could not audit the export: ${(error as Error).message}`));
  }
}

/** One page of a keyset-paginated list, as the domain's list functions return it. */
export interface Page<R> {
  nodes: R[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every row of a keyset-paginated list, a page at a time (the export never holds the whole list). */
export async function* allPages<R>(read: (after: string | null) => Promise<Page<R>>): AsyncGenerator<R[]> {
  let after: string | null = null;
  for (;;) {
    const page: Page<R> = await read(after);
    if (page.nodes.length) yield page.nodes;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/** A remembered look-up by id for the rows of an export (names of organisations, buildings…). */
export function memo<V>(read: (ids: string[]) => Promise<Map<string, V>>) {
  const known = new Map<string, V | null>();
  return async (ids: Array<string | null>): Promise<Map<string, V | null>> => {
    const missing = [...new Set(ids.filter((id): id is string => id !== null))].filter((id) => !known.has(id));
    if (missing.length) {
      const found = await read(missing);
      for (const id of missing) known.set(id, found.get(id) ?? null);
    }
    return known;
  };
}

/**
 * A remembered look-up through a domain `get…` one id at a time; a record outside the caller's
 * scope is left out (its cell stays empty), as GraphQL gives null for it.
 */
export function memoOne<V>(get: (id: string) => Promise<V>) {
  return memo<V>(async (ids) => {
    const found = new Map<string, V>();
    for (const id of ids) {
      const record = await get(id).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      if (record !== null) found.set(id, record);
    }
    return found;
  });
}

export const YES_NO = (value: boolean): string => (value ? '是' : '否');

/** An instant as the local wall-clock time, e.g. "2026-03-05 14:07", or '' for none. */
export function localTime(instant: Date | null | undefined, timeZone: string): string {
  if (!instant) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
