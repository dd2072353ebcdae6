import type { Logger } from '@nestjs/common';
import { todayIn, writeAudit, type Connection } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { actorOf, requestInfo } from '../../common/principal.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Query = Record<string, string | string[] | undefined>;

/** One query parameter (the first when repeated), or null when absent or empty. */
export function queryOne(req: Request, name: string): string | null {
  const value = (req.query as Query)[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? null : text;
}

/** A list parameter: `kind=STUDY,RESOURCE` or `kind=STUDY&kind=RESOURCE`. */
export function queryMany<T extends string>(req: Request, name: string): T[] | null {
  const value = (req.query as Query)[name];
  if (value === undefined) return null;
  const list = (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).map((item) => item.trim());
  const kept = list.filter(Boolean) as T[];
  return kept.length ? kept : null;
}

export function queryFlag(req: Request, name: string): boolean | null {
  const value = queryOne(req, name);
  if (value === null) return null;
  return value === 'true' || value === '1';
}

/** Every row of a keyset-paginated list, a page at a time (the export never holds the whole list). */
export async function* allPages<R>(read: (after: string | null) => Promise<Connection<R>>): AsyncGenerator<R[]> {
  let after: string | null = null;
  for (;;) {
    const page: Connection<R> = await read(after);
    if (page.nodes.length) yield page.nodes;
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

export interface SheetColumn {
  header: string;
  width: number;
}

export function attachmentHeaders(res: Response, file: string, day: string): void {
  const name = `${file}-${day}.xlsx`;
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="export-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader('Cache-Control', 'no-store');
}

export interface StreamSpec {
  entityType: string;
  filter: object;
  /** 中文 file name, e.g. 单位名单 (the day is appended). */
  file: string;
  sheet: string;
  columns: SheetColumn[];
  rows: AsyncGenerator<Array<Array<string | number>>>;
}

/**
 * Writes a workbook to the response as rows arrive, then audits the export (EXPORT). The first
 * batch is read before any header is sent, so a bad filter or an organisation outside the scope
 * is still an ordinary JSON error with its status.
 */
export async function streamWorkbook(
  req: Request,
  res: Response,
  dataSource: DataSource,
  timeZone: string,
  logger: Logger,
  spec: StreamSpec,
): Promise<void> {
  const first = await spec.rows.next();
  const info = requestInfo(req);
  res.status(200);
  attachmentHeaders(res, spec.file, todayIn(timeZone));
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
      batch = await spec.rows.next();
    }
    sheet.commit();
    await workbook.commit();
    completed = true;
  } catch (error) {
    logger.error(`[${info.requestId}] export failed after ${rows} rows: ${(error as Error).message}`);
    res.destroy(error as Error);
  } finally {
    await writeAudit(dataSource.manager, actorOf(info), {
      action: 'EXPORT',
      entityType: spec.entityType,
      reason: `导出${spec.file}（${rows} 行${completed ? '' : '，未完成'}）`,
      after: { filter: spec.filter, rows, completed },
    }).catch((error: unknown) => logger.error(`[${info.requestId}] could not audit the export: ${(error as Error).message}`));
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
