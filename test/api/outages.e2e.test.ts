import type { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { FRENCH_CREDITOR } from '../../src/api/creditor/creditor-examples';
import { FRENCH_BUSINESS } from '../../src/api/customers/customer-examples';
import { startTestStack, type TestStack } from '../support/test-stack';

// Outages of the API's dependencies, for real: the test stops the stack's Temporal server, then its
// PostgreSQL, in the middle of the file. The API must answer 503 SERVICE.UNAVAILABLE with
// Retry-After — never 500 — and /health must say which dependency is down. The API's log is
// captured to check that neither keys nor request bodies reach it.

const ERROR_SHAPE = { error: { code: 'SERVICE.UNAVAILABLE', message: expect.any(String), details: [] } };
/** A debtor's name that must never show in a log. */
const PERSONAL = 'Mme Héloïse Outage-Témoin';

describe('outages of PostgreSQL and Temporal', () => {
  let stack: TestStack;
  const logs: string[] = [];
  const capture = (level: string) => (message: unknown, ...rest: unknown[]) => {
    logs.push(`${level} ${[message, ...rest].map((part) => (part instanceof Error ? part.stack : typeof part === 'string' ? part : JSON.stringify(part))).join(' ')}`);
  };
  const logger: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn'), debug: capture('debug'), verbose: capture('verbose'), fatal: capture('fatal') };
  const invoice = (invoiceNumber: string) => ({
    invoiceNumber,
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: '2026-11-01',
    dueDate: '2026-12-01',
    debtor: { name: PERSONAL, email: 'heloise@example.fr' },
  });
  let invoiceId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, logger });
    await request(stack.http).put('/v1/creditors/default').send(FRENCH_CREDITOR).expect(201);
    invoiceId = (await request(stack.http).post('/v1/invoices').send(invoice('OUT-1')).expect(201)).body.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('Temporal down: starting a dunning answers 503 with Retry-After; reads still answer from PostgreSQL; /health names Temporal', async () => {
    await stack.stopTemporal();
    const started = Date.now();
    const write = await request(stack.http).post('/v1/invoices').send(invoice('OUT-2'));
    expect({ status: write.status, body: write.body, retryAfter: write.headers['retry-after'] }).toEqual({ status: 503, body: ERROR_SHAPE, retryAfter: '5' });
    expect(write.body.error.message).toMatch(/Temporal/);
    // Within the client's gRPC retries, not an HTTP client's timeout.
    expect(Date.now() - started).toBeLessThan(30_000);

    const read = await request(stack.http).get(`/v1/invoices/${invoiceId}`).expect(200);
    expect(read.body).toMatchObject({ id: invoiceId, invoiceNumber: 'OUT-1' });
    const health = await request(stack.server).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, temporal: { status: 'down' } });
    expect(health.headers['retry-after']).toBe('5');
  });

  it('PostgreSQL down: a read and a write answer 503 with Retry-After, never 500; /health names the database', async () => {
    await stack.stopPostgres();
    const reads = [
      await request(stack.http).get(`/v1/invoices/${invoiceId}`),
      await request(stack.http).get('/v1/customers'),
      await request(stack.http).get('/v1/plans'),
    ];
    const writes = [
      await request(stack.http).post('/v1/customers').send({ ...FRENCH_BUSINESS, legalName: PERSONAL }),
      await request(stack.http).put('/v1/creditors/acme').send(FRENCH_CREDITOR),
      await request(stack.http).post('/v1/rates').send({ kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, source: 'outage test' }),
    ];
    for (const response of [...reads, ...writes]) {
      expect({ status: response.status, body: response.body, retryAfter: response.headers['retry-after'] }).toEqual({ status: 503, body: ERROR_SHAPE, retryAfter: '5' });
      expect(response.body.error.message).toMatch(/database/);
    }
    // Even an unknown key: the key cannot be checked, so it is an outage too, not a 401.
    const unknownKey = await request(stack.server).get('/v1/plans').set('Authorization', `Bearer rlk_zzzzzzzz_${'A'.repeat(43)}`);
    expect(unknownKey.status).toBe(503);

    const health = await request(stack.server).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'down', error: expect.any(String) } });
    expect(health.headers['retry-after']).toBe('5');
  });

  it('logged each outage as one line, and never a key, a secret or a request body', async () => {
    const text = logs.join('\n');
    expect(text).toMatch(/temporal unavailable/);
    expect(text).toMatch(/database unavailable/);
    expect(text).not.toMatch(/rlk_/);
    expect(text).not.toContain(stack.backofficeKey.split('_')[2]);
    expect(text).not.toContain(PERSONAL);
    expect(text).not.toContain('heloise@example.fr');
    expect(text).not.toContain('Atelier Dubois');
    expect(logs.filter((line) => line.startsWith('error '))).toEqual([]);
  });
});
