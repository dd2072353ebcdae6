import type { LoggerService } from '@nestjs/common';
import { todayIn, writeAudit } from '@dangjian/domain';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { actorOf, requestInfo } from '../common/principal.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface WorkbookTarget {
  req: Request;
  res: Response;
  dataSource: DataSource;
  timeZone: string;
  logger: LoggerService;
}

export interface WorkbookSpec {
  /** Audit entity type, e.g. "Member". */
  entityType: string;
  /** The filter as given, kept in the audit row. */
  filter: object;
  /** The Chinese file name, before the date, e.g. "党员名单". */
  file: string;
  sheet: string;
  columns: Array<{ header: string; width: number }>;
  /** Rows a batch at a time (already masked as the caller requires). */
  batches: AsyncGenerator<Array<Array<string | number>>>;
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
  const day = todayIn(target.timeZone);
  res.status(200);
  res.setHeader('Content-Type', XLSX);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="export-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${spec.file}-${day}.xlsx`)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
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
