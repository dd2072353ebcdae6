import { DomainError } from '@dangjian/domain';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GatewayError, httpErrorBody, toClientError } from './errors.js';

const options = { development: false };

describe('toClientError', () => {
  it('keeps a domain error\'s code, reason and field problems', () => {
    const error = DomainError.badInput([{ field: 'reason', reason: 'REQUIRED', message: '请填写原因' }]);
    expect(toClientError(new GraphQLError('wrapped', { originalError: error }), options)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '请填写原因',
      extensions: { code: 'BAD_USER_INPUT', reason: 'REQUIRED', fields: [{ field: 'reason', reason: 'REQUIRED', message: '请填写原因' }] },
    });
  });

  it('turns an unreachable database into a clean Chinese message without the driver text', () => {
    const driver = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    const client = toClientError(driver, options);
    expect(client.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', reason: 'DATABASE_UNAVAILABLE' });
    expect(client.message).not.toContain('3306');
    expect(httpErrorBody(driver, options).status).toBe(503);
  });

  it('hides an unexpected error entirely outside development', () => {
    const bug = new Error("ER_NO_SUCH_TABLE: Table 'x.member' doesn't exist: SELECT * FROM member");
    const client = toClientError(bug, { development: false, requestId: 'r-1' });
    expect(client.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(client)).not.toMatch(/member|SELECT/);
    expect(client.extensions.requestId).toBe('r-1');
    expect(toClientError(bug, { development: true }).extensions.debug).toContain('ER_NO_SUCH_TABLE');
  });

  it('makes a limit error QUERY_TOO_COMPLEX and maps gateway errors to HTTP statuses', () => {
    const limit = new GraphQLError('查询嵌套过深', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'DEPTH' } });
    expect(toClientError(limit, options).code).toBe('QUERY_TOO_COMPLEX');
    expect(httpErrorBody(GatewayError.rateLimited(30), options).status).toBe(429);
    expect(httpErrorBody(GatewayError.unauthenticated(), options).status).toBe(401);
    expect(httpErrorBody(DomainError.notFound('党员', '9'), options).status).toBe(404);
  });
});
