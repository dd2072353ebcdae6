import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Config } from '@dangjian/config';
import { PiiCipher } from '@dangjian/domain';
import { AuthService } from '../auth/auth.service.js';
import { Authenticator } from '../auth/authenticator.service.js';
import { TokenService } from '../auth/token.service.js';
import type { GatewayOptions } from '../gateway-options.js';
import { AccessGuard } from './access.guard.js';
import { TtlCountCache } from './count-cache.js';
import { CountCacheSync } from './count-cache-sync.js';
import { DatabaseService } from './database.service.js';
import { GraphQLErrorPassThrough } from './graphql-error.filter.js';
import { MetricsService } from './metrics.service.js';
import { RedisService } from './redis.service.js';
import { CONFIG, GATEWAY_OPTIONS } from './tokens.js';

const SHARED = [DatabaseService, RedisService, TokenService, Authenticator, AuthService, TtlCountCache, CountCacheSync, MetricsService];

/** The services every feature uses: configuration, MySQL, Redis, tokens, the PII cipher, the guard and the error filter. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: Config, options: GatewayOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: GATEWAY_OPTIONS, useValue: options },
        { provide: PiiCipher, useFactory: () => new PiiCipher(config.PII_ENCRYPTION_KEY) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: GraphQLErrorPassThrough },
        ...SHARED,
      ],
      exports: [CONFIG, GATEWAY_OPTIONS, PiiCipher, ...SHARED],
    };
  }
}
