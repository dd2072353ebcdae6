import { gql, type RequestOptions } from './request';
import type {
  ApiKey,
  ApiKeyCreated,
  AuditLog,
  AuditLogFilter,
  Connection,
  CreateUserInput,
  User,
  UserAccount,
  UserFilter,
} from './types';

// `users` and `apiKeys` are lists the gateway offers beyond the contract's mutations.

const ACCOUNT = 'id username displayName role organization { id name } disabled lockedUntil lastLoginAt createdAt';
const API_KEY = 'id name keyPrefix createdAt lastUsedAt revoked';

export function listUsers(filter: UserFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<UserAccount>> {
  return gql<{ users: Connection<UserAccount> }>(
    `query Users($filter: UserFilter, $first: Int, $after: String) {
      users(filter: $filter, first: $first, after: $after) { nodes { ${ACCOUNT} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.users);
}

export function createUser(input: CreateUserInput, options: RequestOptions = {}): Promise<User> {
  return gql<{ createUser: User }>(
    `mutation CreateUser($input: CreateUserInput!) {
      createUser(input: $input) { id username displayName role organization { id name } }
    }`,
    { input },
    options,
  ).then((data) => data.createUser);
}

export function listApiKeys(first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<ApiKey>> {
  return gql<{ apiKeys: Connection<ApiKey> }>(
    `query ApiKeys($first: Int, $after: String) {
      apiKeys(first: $first, after: $after) { nodes { ${API_KEY} } totalCount pageInfo { hasNextPage endCursor } }
    }`,
    { first, after },
    options,
  ).then((data) => data.apiKeys);
}

export function createApiKey(name: string, options: RequestOptions = {}): Promise<ApiKeyCreated> {
  return gql<{ createApiKey: ApiKeyCreated }>(
    `mutation CreateApiKey($name: String!) { createApiKey(name: $name) { key apiKey { ${API_KEY} } } }`,
    { name },
    options,
  ).then((data) => data.createApiKey);
}

export function revokeApiKey(id: string, options: RequestOptions = {}): Promise<ApiKey> {
  return gql<{ revokeApiKey: ApiKey }>(`mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ${API_KEY} } }`, { id }, options).then(
    (data) => data.revokeApiKey,
  );
}

export function listAuditLogs(filter: AuditLogFilter, first: number, after: string | null, options: RequestOptions = {}): Promise<Connection<AuditLog>> {
  return gql<{ auditLogs: Connection<AuditLog> }>(
    `query AuditLogs($filter: AuditLogFilter, $first: Int, $after: String) {
      auditLogs(filter: $filter, first: $first, after: $after) {
        nodes { id at actor action entityType entityId reason }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { filter, first, after },
    options,
  ).then((data) => data.auditLogs);
}
