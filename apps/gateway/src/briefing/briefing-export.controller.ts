import { Controller, HttpCode, Inject, Logger, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import { Permission, todayIn, writeAudit } from '@dangjian/domain';
import type { Request, Response } from 'express';
import { Allow } from '../common/access.decorators.js';
import { DatabaseService } from '../common/database.service.js';
import { HttpErrorFilter } from '../common/http-error.filter.js';
import { actorOf, requestInfo } from '../common/principal.js';
import { CONFIG } from '../common/tokens.js';
import { briefingDocx, readBriefingDocument } from './briefing-document.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * POST /export/briefing.docx: the briefing as the reader edited it (JSON: title, period, sections
 * with their paragraphs) back as a Word document. Same authentication and permission as the other
 * exports; audited (EXPORT) with the title and the size of what was exported.
 */
@Controller('export')
@UseFilters(HttpErrorFilter)
export class BriefingExportController {
  private readonly logger = new Logger('Export');

  constructor(
    @Inject(DatabaseService) private readonly database: DatabaseService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post('briefing.docx')
  @HttpCode(200)
  @Allow(Permission.READ, Permission.EXPORT)
  async briefing(@Req() req: Request, @Res() res: Response): Promise<void> {
    const document = readBriefingDocument(req.body);
    const bytes = await briefingDocx(document, '党建工作平台');
    const info = requestInfo(req);
    const paragraphCount = document.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
    // Audited before the bytes leave, so a download that breaks off is still on record.
    await writeAudit(this.database.dataSource.manager, actorOf(info), {
      action: 'EXPORT',
      entityType: 'Briefing',
      reason: `导出工作简报「${document.title}」（${document.sections.length} 部分，${paragraphCount} 段）`,
      after: {
        title: document.title,
        period: document.period,
        sectionCount: document.sections.length,
        paragraphCount,
      },
    });
    const day = todayIn(this.config.TZ);
    res.status(200);
    res.setHeader('Content-Type', DOCX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="briefing-${day}.docx"; filename*=UTF-8''${encodeURIComponent(`${document.title}-${day}.docx`)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', String(bytes.length));
    res.end(bytes);
    this.logger.log(`[${info.requestId}] briefing exported (${bytes.length} bytes)`);
  }
}
