import { Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import { DomainError, Permission } from '@dangjian/domain';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Allow } from '../../common/access.decorators.js';
import { CountCacheSync } from '../../common/count-cache-sync.js';
import { DatabaseService } from '../../common/database.service.js';
import { HttpErrorFilter } from '../../common/http-error.filter.js';
import { actorOf, requestInfo, scopeOf } from '../../common/principal.js';
import { IMPORT_MODES, importSurvey, type ImportMode, type ImportResult } from './survey-import.js';
import { readSurvey } from './unit-survey.js';

/** The largest upload accepted: a filled-in template of a few thousand units is well below it. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Rows per import: beyond this the transaction would hold its locks too long; split the file. */
export const MAX_IMPORT_ROWS = 5000;

/**
 * The request body as raw bytes (the .xlsx itself, any content type) up to the limit; a larger body
 * is refused with 413 in the API's error shape before the controller runs.
 */
export function rawUpload(maxBytes: number): RequestHandler {
  const parse = express.raw({ type: () => true, limit: maxBytes });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      const tooLarge = type === 'entity.too.large';
      const message = tooLarge ? `上传的文件过大，上限为 ${Math.round(maxBytes / 1024 / 1024)} MB` : '上传中断或请求体无法读取，请重新上传';
      res
        .status(tooLarge ? 413 : 400)
        .type('application/json')
        .send(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST', reason: tooLarge ? 'UPLOAD_TOO_LARGE' : 'UPLOAD_UNREADABLE' } }] }));
    });
  };
}

/**
 * POST /import/unit-survey?mode=dry-run|commit with the filled-in template as the body: the dry run
 * lists every bad row and column; the commit writes all good rows in one transaction. Audited (IMPORT).
 */
@Controller('import')
@UseFilters(HttpErrorFilter)
export class SurveyImportController {
  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(CountCacheSync) private readonly counts: CountCacheSync,
  ) {}

  @Post('unit-survey')
  @HttpCode(200)
  @Allow(Permission.MANAGE_WORK)
  async unitSurvey(@Req() req: Request): Promise<ImportResult> {
    const mode = req.query.mode;
    if (typeof mode !== 'string' || !(IMPORT_MODES as readonly string[]).includes(mode)) {
      throw DomainError.badInput([{ field: 'mode', reason: 'IMPORT_MODE_INVALID', message: '请指定 mode=dry-run（只检查）或 mode=commit（导入）' }]);
    }
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw DomainError.badInput([{ field: 'file', reason: 'IMPORT_FILE_REQUIRED', message: '请上传填写好的单位排查模板（.xlsx 文件）' }]);
    }
    const rows = await readSurvey(body, MAX_IMPORT_ROWS);
    const info = requestInfo(req);
    const result = await importSurvey({
      dataSource: this.database.dataSource,
      scope: scopeOf(info.principal),
      actor: actorOf(info),
      mode: mode as ImportMode,
      rows,
    });
    // Units written outside GraphQL: forget, on every gateway, the totals and summaries they change
    // (the unit lists, the overview's coverage), as after a mutation.
    if (mode === 'commit') this.counts.forgetAfter(null);
    return result;
  }
}
