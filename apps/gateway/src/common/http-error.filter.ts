import { Catch, HttpException, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Config } from '@dangjian/config';
import { DomainError } from '@dangjian/domain';
import type { Request, Response } from 'express';
import { GatewayError, httpErrorBody } from './errors.js';
import { requestInfo } from './principal.js';
import { CONFIG } from './tokens.js';

/**
 * Errors of HTTP routes (exports) in the same JSON shape and with the same codes as GraphQL
 * errors, with the matching HTTP status; never a stack trace.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(@Inject(CONFIG) private readonly config: Config) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const req = context.getRequest<Request>();
    const res = context.getResponse<Response>();
    const { requestId } = requestInfo(req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json({ errors: [{ message: exception.message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    if (!(exception instanceof DomainError) && !(exception instanceof GatewayError)) {
      this.logger.error(`[${requestId}] ${(exception as Error)?.stack ?? String(exception)}`);
    }
    const { status, body } = httpErrorBody(exception, { development: this.config.NODE_ENV === 'development', requestId });
    res.status(status).json(body);
  }
}
