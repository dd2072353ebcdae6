import { ApiError } from './errors';
import { gql } from './request';
import type { AuthPayload, User } from './types';

const USER_FIELDS = 'id username displayName role organization { id name }';

/** What sign-in and refresh return; the refresh token is the gateway's addition to the contract. */
export interface Session extends AuthPayload {
  refreshToken?: string;
  refreshExpiresAt?: string;
}

const WITH_REFRESH = `accessToken expiresAt refreshToken refreshExpiresAt user { ${USER_FIELDS} }`;
const CONTRACT_ONLY = `accessToken expiresAt user { ${USER_FIELDS} }`;

/**
 * Signs in. Asks for a refresh token as well, so a day's work is not cut every time the short-lived
 * access token ends; a gateway that offers none still signs in with the contract's fields.
 */
export async function login(username: string, password: string): Promise<Session> {
  const run = (fields: string) =>
    gql<{ login: Session }>(
      `mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { ${fields} } }`,
      { username, password },
      { anonymous: true, silent: true },
    ).then((data) => data.login);
  try {
    return await run(WITH_REFRESH);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'GRAPHQL_VALIDATION_FAILED') return run(CONTRACT_ONLY);
    throw error;
  }
}

/** A fresh token pair for a refresh token (which is then used up). */
export function refreshSession(refreshToken: string): Promise<Session> {
  return gql<{ refreshToken: Session }>(
    `mutation RefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ${WITH_REFRESH} } }`,
    { refreshToken },
    { anonymous: true, silent: true, noRefresh: true },
  ).then((data) => data.refreshToken);
}

/** Ends every session of this user on the server; best effort, the local sign-out happens anyway. */
export function logoutEverywhere(): Promise<void> {
  return gql<{ logout: boolean }>('mutation Logout { logout }', {}, { silent: true, noRefresh: true }).then(() => undefined);
}

export function fetchMe(): Promise<User> {
  return gql<{ me: User }>(`query Me { me { ${USER_FIELDS} } }`, {}, { silent: true }).then((data) => data.me);
}
