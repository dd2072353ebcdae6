import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import express, { type Request } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { isWellFormedRequestId } from '@dangjian/domain';
import { createGatewayLogging, createRootLogger, operationNameOf, requestIdOf } from './logging.js';

/** A destination that keeps every line pino writes. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('request ids', () => {
  it('accepts short ids of letters, digits, dot, underscore and dash only', () => {
    expect(isWellFormedRequestId('a')).toBe(true);
    expect(isWellFormedRequestId('edge-7f3a.B_9')).toBe(true);
    expect(isWellFormedRequestId('x'.repeat(64))).toBe(true);
    expect(isWellFormedRequestId('x'.repeat(65))).toBe(false);
    expect(isWellFormedRequestId('')).toBe(false);
    expect(isWellFormedRequestId('two words')).toBe(false);
    expect(isWellFormedRequestId('line\nbreak')).toBe(false);
    expect(isWellFormedRequestId('请求')).toBe(false);
    expect(isWellFormedRequestId('a/b')).toBe(false);
    expect(isWellFormedRequestId(42)).toBe(false);
    expect(isWellFormedRequestId(['abc'])).toBe(false);
  });

  it("takes a well-formed X-Request-Id, replaces any other with a UUID, and keeps the request's id", () => {
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      setHeader: (name: string, value: string) => void (headers[name] = value),
    };
    const kept = { headers: { 'x-request-id': 'from-proxy.1' } } as never;
    expect(requestIdOf(kept, res as never)).toBe('from-proxy.1');
    expect(headers['X-Request-Id']).toBe('from-proxy.1');

    const replaced = { headers: { 'x-request-id': 'bad id; drop table' } } as never;
    const generated = requestIdOf(replaced, res as never);
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(headers['X-Request-Id']).toBe(generated);
    expect(requestIdOf(replaced)).toBe(generated);
  });

  it('reads the GraphQL operation name, or the first named operation of the query', () => {
    const req = (body: unknown) => ({ body, query: {} }) as unknown as Request;
    expect(operationNameOf(req({ operationName: 'Members', query: 'query Other { a }' }))).toBe('Members');
    expect(
      operationNameOf(req({ query: '# a comment\n  mutation RequestSync { requestSync { id } }' })),
    ).toBe('RequestSync');
    expect(operationNameOf(req({ query: '{ me { id } }' }))).toBeUndefined();
    expect(operationNameOf(req({ operationName: 'not a name!' }))).toBeUndefined();
  });
});

describe('redaction', () => {
  it('never writes credentials or personal data, however they are nested', () => {
    const out = capture();
    const log = createRootLogger('info', out.stream);
    log.info(
      {
        req: {
          headers: {
            authorization: 'Bearer eyJsecret',
            cookie: 'sid=secret-cookie',
            'x-api-key': 'dj_secret_key',
          },
        },
        password: 'Hunter2-password',
        user: { phone: '13800138000', idCard: '410102199001011234' },
        body: { variables: { input: { idCardNumber: '410102199001011234' } } },
        kept: 'visible',
      },
      'something logged by mistake',
    );
    const text = out.lines.join('\n');
    for (const secret of [
      'eyJsecret',
      'secret-cookie',
      'dj_secret_key',
      'Hunter2',
      '13800138000',
      '410102199001011234',
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('visible');
  });
});

describe('request logging', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('writes one JSON line per request with its id, routes Nest lines through pino, and leaves the Authorization header out', async () => {
    const out = capture();
    const logging = createGatewayLogging(createRootLogger('info', out.stream));
    Logger.overrideLogger(logging.nestLogger);
    const app = express();
    app.use(logging.requestLogger);
    app.use(express.json());
    app.post('/graphql', (_req, res) => {
      new Logger('Resolver').log('inside the request');
      res.json({ data: { ok: true } });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?token=in-query`;

    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer eyJsecret.token',
        'x-request-id': 'unit-req-1',
      },
      body: JSON.stringify({ query: 'query Ping { ping }', variables: { password: 'Hunter2-password' } }),
    });
    expect(response.headers.get('x-request-id')).toBe('unit-req-1');
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const lines = out.parsed();
    expect(lines.find((line) => line.msg === 'inside the request')).toMatchObject({
      context: 'Resolver',
      level: 'info',
    });
    expect(lines.find((line) => line.msg === 'request completed')).toMatchObject({
      requestId: 'unit-req-1',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'Ping',
      service: 'gateway',
      durationMs: expect.any(Number),
    });
    const text = out.lines.join('\n');
    expect(text).not.toContain('eyJsecret');
    expect(text).not.toContain('in-query');
    expect(text).not.toContain('Hunter2');
  });
});
