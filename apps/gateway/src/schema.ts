import { loadConfig } from '@dangjian/config';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { ApiKeyModule } from './api-key/api-key.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ElectionModule } from './election/election.module.js';
import { ExportModule } from './export/export.module.js';
import { HealthModule } from './health/health.module.js';
import { MemberModule } from './member/member.module.js';
import { OrganizationModule } from './organization/organization.module.js';
import { OverviewModule } from './overview/overview.module.js';
import { SyncModule } from './sync/sync.module.js';
import { TransferModule } from './transfer/transfer.module.js';
import { UserModule } from './user/user.module.js';

/** The feature modules of the gateway, each one folder. */
export const FEATURE_MODULES = [
  AuthModule,
  UserModule,
  OrganizationModule,
  MemberModule,
  TransferModule,
  OverviewModule,
  ElectionModule,
  ApiKeyModule,
  AuditModule,
  SyncModule,
  ExportModule,
  HealthModule,
];

export const SCHEMA_HEADER =
  '# The GraphQL schema of the gateway, generated from the code (`pnpm --filter @dangjian/gateway print-schema`).\n' +
  '# Do not edit: change the resolvers and types, then regenerate. It must keep docs/graphql-contract.graphql.\n\n';

/** The schema as committed in schema.gql: sorted, with the header. */
export function schemaText(schema: GraphQLSchema): string {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}

/**
 * The schema exactly as the gateway serves it: the whole application is assembled (every module,
 * whoever added it) without reaching MySQL or Redis, and its schema read back.
 */
export async function buildSchema(): Promise<GraphQLSchema> {
  // Imported here so that app.module (which imports this file) is complete before it is used.
  const { createGatewayApp } = await import('./app.js');
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'schema-only-'.padEnd(40, '-'), PII_ENCRYPTION_KEY: '0'.repeat(64) });
  const app = await createGatewayApp(config, { logger: false, consoleDir: null, connect: false });
  try {
    return app.get(GraphQLSchemaHost).schema;
  } finally {
    await app.close();
  }
}
