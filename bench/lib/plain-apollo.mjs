// The baseline for the gateway benchmark: a plain Apollo Server 5 on express 5, no NestJS, serving
// the same `members` and `subdistrictOverview` queries over the same database with the same domain
// functions and the same database work (the page's organisations read with the page, a DataLoader
// per relation and request, the same caching policy) and the same Apollo settings.
// The bearer token is checked with jose (HS256, as the gateway issues it); unlike the gateway,
// nothing else runs per request (no Redis revocation check, no query-cost rule, no metrics).
// Run as a child process: PORT, DATABASE_URL and JWT_SECRET come from the environment.
// GET /stats answers the SQL statements sent and the GraphQL requests answered so far.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../infra/scripts/services.mjs';

const fromGateway = createRequire(join(ROOT, 'apps/gateway/package.json'));
// One copy of graphql for the schema and for Apollo: both through the gateway's CommonJS builds.
const { ApolloServer } = fromGateway('@apollo/server');
const { ApolloServerPluginCacheControlDisabled } = fromGateway('@apollo/server/plugin/disabled');
const { expressMiddleware } = fromGateway('@as-integrations/express5');
const express = fromGateway('express');
const { buildSchema } = fromGateway('graphql');
const DataLoader = fromGateway('dataloader');
const { jwtVerify } = await import(pathToFileURL(fromGateway.resolve('jose')).href);
const domain = await import(pathToFileURL(join(ROOT, 'packages/domain/dist/index.js')).href);

const { PORT, DATABASE_URL, JWT_SECRET } = process.env;
if (!PORT || !DATABASE_URL || !JWT_SECRET) {
  console.error('plain-apollo needs PORT, DATABASE_URL and JWT_SECRET');
  process.exit(2);
}

const typeDefs = `
  scalar Date
  type PageInfo { hasNextPage: Boolean!  endCursor: String }
  type Organization { id: ID!  name: String!  type: String!  path: String! }
  type Transfer {
    id: ID!  direction: String!  kind: String!  status: String!  memberName: String!
    fromOrganizationName: String!  toOrganizationName: String!  letterExpiresOn: Date  syncState: String!
  }
  type Member {
    id: ID!  name: String!  gender: String!  status: String!  joinedOn: Date!
    idCardNumber: String!  phone: String  organization: Organization!  latestTransfer: Transfer
  }
  type MemberConnection { nodes: [Member!]!  totalCount: Int!  pageInfo: PageInfo! }
  type CadreStatistics {
    seatCount: Int!  averageAge: Float!  aged35OrUnderCount: Int!  aged35OrUnderRatio: Float!
    femaleRatio: Float!  collegeOrAboveCount: Int!  collegeOrAboveRatio: Float!  asOf: Date!
  }
  type SubdistrictOverview {
    communityCount: Int!  memberCount: Int!  fullMemberCount: Int!  probationaryMemberCount: Int!
    committee: CadreStatistics!  fullTimeStaffCount: Int!  nonPublicBranchCount: Int!  instructorCount: Int!
    organizationCoverageRate: Float!  workCoverageRate: Float!  serviceActivityCount: Int!
    themeEducationActivityCount: Int!  wishFulfilledCount: Int!  transfersInTransitCount: Int!  overdueTransferCount: Int!
  }
  type Query {
    members(first: Int = 20, after: String): MemberConnection!
    subdistrictOverview(asOf: Date): SubdistrictOverview!
  }
`;

const stats = { statements: 0, requests: 0 };
// TypeORM hands every statement to a custom logger (as the gateway's onSql hook does): count them.
const dataSource = domain.createDataSource({ databaseUrl: DATABASE_URL, flavour: await domain.detectFlavour(DATABASE_URL), poolSize: 20 });
const ignore = () => {};
dataSource.setOptions({
  logger: { logQuery: () => void stats.statements++, logQueryError: ignore, logQuerySlow: ignore, logSchemaBuild: ignore, logMigration: ignore, log: ignore },
});
await dataSource.initialize();

/**
 * The gateway's caching policy (its TtlCountCache), so that both servers do the same database
 * work: totals of 5,000 and more and the overview are kept for 3 s; when a total runs out, one
 * request counts again while the others keep the last one for up to 1 s; an overview that has run
 * out is answered from the last one for up to 1 s while the next is worked out behind it.
 */
const cache = {
  entries: new Map(),
  pending: new Map(),
  fresh(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (entry.until >= now) return entry.value;
    if (now - entry.until > 1000) return void this.entries.delete(key);
    if (entry.refreshingSince && now - entry.refreshingSince <= 1000) return entry.value;
    entry.refreshingSince = now;
    return undefined;
  },
  store(key, value) {
    this.entries.set(key, { value, until: Date.now() + 3000, refreshingSince: 0 });
  },
  get(key) {
    return this.fresh(key);
  },
  offer(key, count) {
    if (count >= 5000) this.store(key, count);
    else this.entries.delete(key);
  },
  start(key, compute) {
    const work = compute().then(
      (value) => {
        this.pending.delete(key);
        this.store(key, value);
        return value;
      },
      (error) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, work);
    return work;
  },
  remember(key, compute) {
    const entry = this.entries.get(key);
    const now = Date.now();
    if (entry && entry.until >= now) return Promise.resolve(entry.value);
    const running = this.pending.get(key);
    if (entry && now - entry.until <= 1000) {
      if (!running) this.start(key, compute).catch(() => undefined);
      return Promise.resolve(entry.value);
    }
    return running ?? this.start(key, compute);
  },
};

const key = new TextEncoder().encode(JWT_SECRET);
const verified = new Map();
async function scopeOf(req) {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!match) throw new Error('no bearer token');
  const known = verified.get(match[1]);
  if (known && known.expiresAt > Date.now()) return known.scope;
  const { payload } = await jwtVerify(match[1], key, { issuer: 'dangjian', audience: 'dangjian-gateway', algorithms: ['HS256'] });
  const scope = payload.scp === 'all' ? domain.FULL_SCOPE : { all: false, organizationPaths: payload.scp.map(String) };
  verified.set(match[1], { scope, expiresAt: Number(payload.exp) * 1000 });
  return scope;
}

const schema = buildSchema(typeDefs);
const fields = (type) => schema.getType(type).getFields();
fields('Query').members.resolve = async (_, args, ctx) => {
  const page = await domain.listMembers(dataSource, ctx.scope, { lookupHash: () => '' }, {}, { first: args.first, after: args.after }, {
    counts: cache,
    withOrganizations: true,
  });
  for (const [id, organization] of page.organizations) ctx.organizations.prime(id, organization);
  return {
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
    nodes: page.nodes.map((m) => ({ ...m, idCardNumber: m.idCardMasked, phone: m.phoneMasked })),
  };
};
fields('Query').subdistrictOverview.resolve = (_, args, ctx) =>
  cache.remember(`overview|${ctx.scope.all ? 'all' : ctx.scope.organizationPaths.join(',')}|${args.asOf ?? ''}`, () =>
    domain.getSubdistrictOverview(dataSource, ctx.scope, args.asOf),
  );
fields('Member').organization.resolve = (member, _, ctx) => ctx.organizations.load(member.organizationId);
fields('Member').latestTransfer.resolve = (member, _, ctx) => ctx.latestTransfers.load(member.id);

const server = new ApolloServer({ schema, csrfPrevention: true, introspection: false, plugins: [ApolloServerPluginCacheControlDisabled()] });
await server.start();
const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_, res) => res.json({ ok: true }));
app.get('/stats', (_, res) => res.json(stats));
app.use(
  '/graphql',
  express.json({ limit: '1mb' }),
  expressMiddleware(server, {
    context: async ({ req }) => {
      stats.requests++;
      const scope = await scopeOf(req);
      return {
        scope,
        organizations: new DataLoader(async (ids) => {
          const found = await domain.organizationsByIds(dataSource, scope, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
        latestTransfers: new DataLoader(async (ids) => {
          const found = await domain.latestTransfersByMemberIds(dataSource, scope, ids);
          return ids.map((id) => found.get(id) ?? null);
        }),
      };
    },
  }),
);
const listener = app.listen(Number(PORT), '127.0.0.1', () => console.log(`plain Apollo listening on ${PORT}`));
const stop = async () => {
  listener.close();
  await server.stop();
  await dataSource.destroy();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
