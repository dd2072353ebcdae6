import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { jsonBody } from '../common/http-security.js';
import { BriefingExportController } from './briefing-export.controller.js';
import { BriefingResolver } from './briefing.resolver.js';

/** The edited briefing is posted as JSON; a long one with every community stays well below this. */
export const MAX_BRIEFING_BYTES = 1024 * 1024;

/**
 * The gateway's JSON parser and its refusal of bad bodies as one plain middleware: Nest's module
 * middleware does not call Express error handlers with the error.
 */
function briefingBody(): RequestHandler {
  const [parse, refuse] = jsonBody(MAX_BRIEFING_BYTES) as [
    RequestHandler,
    (error: unknown, req: Request, res: Response, next: NextFunction) => void,
  ];
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => (error ? refuse(error, req, res, next) : next()));
}

/** 工作简报: the generated briefing in GraphQL, and its .docx export. */
@Module({ providers: [BriefingResolver], controllers: [BriefingExportController] })
export class BriefingModule implements NestModule {
  // Only this route reads a JSON body outside /graphql (the app parses no bodies by default).
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(briefingBody()).forRoutes({ path: 'export/briefing.docx', method: RequestMethod.POST });
  }
}
