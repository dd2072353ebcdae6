import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands a resolver's error to Apollo as it is. Without a filter, NestJS logs every error a
 * resolver throws at level error with its stack: a wrong id or a bad form would fill the log like
 * a fault. Apollo then turns the error into the answer (`formatGraphQLError`), and the error-log
 * plugin logs only what a client sees as INTERNAL_SERVER_ERROR, with the request id. Errors outside
 * GraphQL get NestJS's usual handling (the export routes have their own filter).
 */
@Catch()
export class GraphQLErrorPassThrough extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
