import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { Config } from '@dangjian/config';
import { DomainError } from '@dangjian/domain';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { createGqlContext, type GqlContext } from './common/context.js';
import { CoreModule } from './common/core.module.js';
import { mutationFields, TtlCountCache } from './common/count-cache.js';
import { CountCacheSync } from './common/count-cache-sync.js';
import { DatabaseService } from './common/database.service.js';
import { MetricsService } from './common/metrics.service.js';
import { formatGraphQLError, GatewayError, isDatabaseUnavailable, isRedisUnavailable } from './common/errors.js';
import { noSubscriptionsRule, queryLimitsRule } from './common/query-limits.js';
import { CONFIG, GATEWAY_OPTIONS } from './common/tokens.js';
import type { GatewayOptions } from './gateway-options.js';
import { FEATURE_MODULES } from './schema.js';
import { WorkModule } from './daily-work/work.module.js';
import { BriefingModule } from './briefing/briefing.module.js';

/** Logs what clients only see as INTERNAL_SERVER_ERROR, with the request id they can quote. */
function errorLogPlugin(): ApolloServerPlugin<GqlContext> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof DomainError || original instanceof GatewayError) continue;
            if (original instanceof GraphQLError && original.extensions?.code) continue;
            if (error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR') continue;
            const requestId = contextValue?.info?.requestId ?? 'unknown';
            if (isDatabaseUnavailable(original) || isRedisUnavailable(original)) {
              logger.warn(`[${requestId}] ${(original as Error).message}`);
            } else {
              logger.error(`[${requestId}] ${(original as Error)?.stack ?? String(original)}`);
            }
          }
        },
      };
    },
  };
}

/** Counts operations and the codes of their errors for /metrics. */
function metricsPlugin(metrics: MetricsService): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          metrics.operation(
            operation?.operation ?? 'invalid',
            errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          );
        },
      };
    },
  };
}

/** A mutation forgets the remembered values it may have changed, on every gateway (see TtlCountCache.forgetAfter). */
function countCachePlugin(counts: CountCacheSync): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') counts.forgetAfter(mutationFields(operation));
        },
      };
    },
  };
}

@Module({})
export class AppModule {
  static forRoot(config: Config, options: GatewayOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, options),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [CONFIG, GATEWAY_OPTIONS, DatabaseService, TtlCountCache, CountCacheSync, MetricsService],
          useFactory: (
            cfg: Config,
            opts: GatewayOptions,
            database: DatabaseService,
            counts: TtlCountCache,
            countSync: CountCacheSync,
            metrics: MetricsService,
          ): ApolloDriverConfig => {
            const development = cfg.NODE_ENV === 'development';
            return {
              path: '/graphql',
              autoSchemaFile: true,
              sortSchema: true,
              // No landing page in any mode: the built-in ones load their code from a CDN.
              graphiql: false,
              introspection: cfg.NODE_ENV !== 'production',
              csrfPrevention: true,
              persistedQueries: false,
              includeStacktraceInErrorResponses: false,
              stopOnTerminationSignals: false,
              validationRules: [queryLimitsRule(opts.limits), noSubscriptionsRule],
              context: ({ req }: { req: Request }) => createGqlContext(req, () => database.statements, counts),
              formatError: (formatted, error) => formatGraphQLError(formatted, error, { development }),
              // No response carries cache hints, and the cache-control plugin would otherwise
              // wrap every field of every response (400 for a page of members) to compute them.
              plugins: [ApolloServerPluginCacheControlDisabled(), errorLogPlugin(), countCachePlugin(countSync), metricsPlugin(metrics)],
            };
          },
        }),
        ...FEATURE_MODULES,
        WorkModule,
        BriefingModule,
      ],
    };
  }
}
