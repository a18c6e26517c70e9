import { HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiError } from './api-error';
import { describeForLog, ErrorFilter } from './error.filter';

const PERSONAL = 'Héloïse Martin';

function answer(exception: unknown) {
  const response = {
    headers: {} as Record<string, string>,
    statusCode: 0,
    body: undefined as unknown,
    headersSent: false,
    setHeader(name: string, value: string) {
      this.headers[name] = value;
    },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(body: unknown) {
      this.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ErrorFilter().catch(exception, host);
  return response;
}

describe('ErrorFilter', () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(`error ${message}`));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void logged.push(`warn ${message}`));
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers an outage 503 SERVICE.UNAVAILABLE with Retry-After, logging one line', () => {
    const response = answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(response.statusCode).toBe(503);
    expect(response.headers['Retry-After']).toBe('5');
    expect(response.body).toEqual({ error: { code: 'SERVICE.UNAVAILABLE', message: 'The database is unavailable; retry later.', details: [] } });
    expect(logged).toEqual(['warn database unavailable (ECONNREFUSED): answering 503']);
  });

  it('answers an unexpected error 500 without internals, and logs its stack', () => {
    const response = answer(new TypeError('boom'));
    expect(response.statusCode).toBe(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'Unexpected error.', details: [] } });
    expect(logged[0]).toMatch(/^error TypeError: boom\n\s+at /);
  });

  it("withholds a database error's message from the log: PostgreSQL quotes the values at fault", () => {
    const driverError = Object.assign(new Error(`invalid input syntax for type uuid: "${PERSONAL}"`), { code: '22P02', table: 'invoices' });
    const error = new QueryFailedError('SELECT * FROM invoices WHERE id = $1', [PERSONAL], driverError);
    expect(describeForLog(error)).toMatch(/^QueryFailedError \(SQLSTATE 22P02, table invoices; message withheld/);
    expect(describeForLog(error)).not.toContain(PERSONAL);
    answer(error);
    expect(logged.join('\n')).not.toContain(PERSONAL);
  });

  it('sets the headers an ApiError carries (WWW-Authenticate on 401)', () => {
    const response = answer(new ApiError(HttpStatus.UNAUTHORIZED, 'AUTH.UNAUTHENTICATED', 'No key.', [], undefined, { 'WWW-Authenticate': 'Bearer realm="relance"' }));
    expect(response.statusCode).toBe(401);
    expect(response.headers['WWW-Authenticate']).toBe('Bearer realm="relance"');
    expect(logged).toEqual([]);
  });
});
