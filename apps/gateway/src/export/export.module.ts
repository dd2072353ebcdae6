import { Module } from '@nestjs/common';
import { ExportController } from './export.controller.js';
import { WorkListExportController } from './work-lists.controller.js';

/** The /export routes (authenticated by the application like every API route). */
@Module({ controllers: [ExportController, WorkListExportController] })
export class ExportModule {}
