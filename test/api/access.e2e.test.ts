import request from 'supertest';
import { runApiKeysCli } from '../../src/api/api-keys-cli';
import type { ApiKeyRole } from '../../src/api/auth/api-key-store';
import { createApi, NoActiveApiKeyError } from '../../src/api/create-api';
import { BELGIAN_CREDITOR, FRENCH_CREDITOR } from '../../src/api/creditor/creditor-examples';
import { FRENCH_BUSINESS } from '../../src/api/customers/customer-examples';
import { QUOTE_EXAMPLE_REQUEST } from '../../src/api/penalties/penalty-examples';
import { loadConfig } from '../../src/config/config';
import { ApiKeyEntity } from '../../src/db/entities/api-key.entity';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// Who may call what, on the real stack: API keys (Authorization: Bearer or X-Api-Key), roles,
// the integrator's creditor scope, the key CLI, the production start check, rate limits and
// security headers. Requests go to stack.server (no key added) with the key each test chooses.

const ROLES: ApiKeyRole[] = ['backoffice', 'integrator', 'operator'];
const ALL: ApiKeyRole[] = ROLES;
const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) } };
const A_UUID_NOBODY_HAS = '00000000-0000-4000-8000-000000000000';

type Method = 'get' | 'post' | 'put' | 'patch';

interface Fixture {
  ownInvoiceId: string;
  otherInvoiceId: string;
  ownCustomerId: string;
  otherCustomerId: string;
}

/** One row of the role matrix: a real route, the roles it admits, and what it answers them. */
interface Cell {
  route: string;
  method: Method;
  path: (f: Fixture) => string;
  body?: object;
  allowed: ApiKeyRole[];
  /** The route's own answer to an allowed key: proof the guard let the request through. */
  status: number;
}

const MATRIX: Cell[] = [
  // Reads: every role (an integrator key is for creditor "default", whose records these are).
  { route: 'GET /v1/invoices/:id', method: 'get', path: (f) => `/v1/invoices/${f.ownInvoiceId}`, allowed: ALL, status: 200 },
  { route: 'GET /v1/invoices/:id/penalties', method: 'get', path: (f) => `/v1/invoices/${f.ownInvoiceId}/penalties?asOf=2025-07-31`, allowed: ALL, status: 200 },
  { route: 'GET /v1/customers', method: 'get', path: () => '/v1/customers', allowed: ALL, status: 200 },
  { route: 'GET /v1/customers/:id', method: 'get', path: (f) => `/v1/customers/${f.ownCustomerId}`, allowed: ALL, status: 200 },
  { route: 'GET /v1/creditors', method: 'get', path: () => '/v1/creditors', allowed: ALL, status: 200 },
  { route: 'GET /v1/creditors/:id', method: 'get', path: () => '/v1/creditors/default', allowed: ALL, status: 200 },
  { route: 'GET /v1/plans', method: 'get', path: () => '/v1/plans', allowed: ALL, status: 200 },
  { route: 'GET /v1/plans/:name', method: 'get', path: () => '/v1/plans/fr-b2b-default', allowed: ALL, status: 200 },
  { route: 'GET /v1/rates', method: 'get', path: () => '/v1/rates', allowed: ALL, status: 200 },
  // Computes, stores nothing: every role.
  { route: 'POST /v1/penalties/quote', method: 'post', path: () => '/v1/penalties/quote', body: QUOTE_EXAMPLE_REQUEST, allowed: ALL, status: 200 },
  // Writes. An empty body is refused by validation (422), which runs after the guard: an allowed
  // key reaches it, a forbidden one is stopped before (403). Real writes are tested further down.
  { route: 'POST /v1/rates', method: 'post', path: () => '/v1/rates', body: {}, allowed: ['backoffice', 'operator'], status: 422 },
  { route: 'POST /v1/invoices', method: 'post', path: () => '/v1/invoices', body: {}, allowed: ['backoffice'], status: 422 },
  { route: 'PUT /v1/creditors/:id', method: 'put', path: () => '/v1/creditors/default', body: {}, allowed: ['backoffice'], status: 422 },
  { route: 'POST /v1/customers', method: 'post', path: () => '/v1/customers', body: {}, allowed: ['backoffice'], status: 422 },
  { route: 'PATCH /v1/customers/:id', method: 'patch', path: (f) => `/v1/customers/${f.ownCustomerId}`, body: { legalName: null }, allowed: ['backoffice'], status: 422 },
  { route: 'POST /v1/plans', method: 'post', path: () => '/v1/plans', body: {}, allowed: ['backoffice'], status: 422 },
  { route: 'POST /v1/plans/:name/versions', method: 'post', path: () => '/v1/plans/fr-b2b-default/versions', body: {}, allowed: ['backoffice'], status: 422 },
];

function invoiceRow(creditorId: string, invoiceNumber: string): Partial<InvoiceEntity> {
  return {
    creditorId,
    invoiceNumber,
    customerId: 'CUST-0042',
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: '2025-05-01',
    dueDate: '2025-05-31',
    debtorName: 'Boulangerie Martin SARL',
    debtorEmail: 'compta@boulangerie-martin.fr',
    debtorLanguage: 'fr',
    workflowId: `invoice:${creditorId}:${invoiceNumber}`,
    stage: 'awaiting_due_date',
  };
}

describe('access on the real stack', () => {
  let stack: TestStack;
  const keys = {} as Record<ApiKeyRole, string>;
  let otherIntegratorKey: string;
  const fixture = {} as Fixture;
  const as = (key: string | undefined, method: Method, path: string, body?: object) => {
    const call = request(stack.server)[method](path);
    if (key !== undefined) call.set('Authorization', `Bearer ${key}`);
    return body === undefined ? call : call.send(body);
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    keys.backoffice = await stack.createKey('backoffice');
    keys.integrator = await stack.createKey('integrator', { creditorId: 'default' });
    keys.operator = await stack.createKey('operator');
    otherIntegratorKey = await stack.createKey('integrator', { creditorId: 'other' });
    // Two creditors, each with a customer and an invoice.
    await request(stack.http).put('/v1/creditors/default').send(FRENCH_CREDITOR).expect(201);
    await request(stack.http).put('/v1/creditors/other').send(BELGIAN_CREDITOR).expect(201);
    fixture.ownCustomerId = (await request(stack.http).post('/v1/customers').send(FRENCH_BUSINESS).expect(201)).body.id;
    fixture.otherCustomerId = (await request(stack.http).post('/v1/customers').send({ ...FRENCH_BUSINESS, creditorId: 'other' }).expect(201)).body.id;
    // Invoices straight into the table: reading them needs no running dunning.
    const invoices = stack.dataSource.getRepository(InvoiceEntity);
    fixture.ownInvoiceId = (await invoices.save(invoices.create(invoiceRow('default', 'ACC-1')))).id;
    fixture.otherInvoiceId = (await invoices.save(invoices.create(invoiceRow('other', 'ACC-2')))).id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe.each(ROLES)('role matrix, %s key', (role) => {
    it.each(MATRIX)('$route', async (cell) => {
      const response = await as(keys[role], cell.method, cell.path(fixture), cell.body);
      if (cell.allowed.includes(role)) {
        expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: cell.status, code: cell.status < 300 ? undefined : expect.any(String) });
      } else {
        expect(response.status).toBe(403);
        expect(response.body).toEqual(ERROR_SHAPE);
        expect(response.body.error.code).toBe('AUTH.FORBIDDEN');
      }
    });
  });

  // The event column of the matrix: POST /v1/invoices/{id}/<event> (payments, disputes, promises…,
  // src/api/events, tagged "events"). Jest declares its tests before any stack runs, so the column is one test that
  // reads the event routes from the OpenAPI document (when this file was written, src/api/events was
  // being built at the same time; with no event route mounted the loop would have nothing to check,
  // hence the count below). Every role gets past the guard: an empty body is then answered by the
  // route itself (422, 404…), never 401 or 403. That an integrator only reaches its own creditor's
  // invoices is src/api/events' to test, with valid bodies.
  it('role matrix, event routes: every role may post events', async () => {
    const { body: document } = await request(stack.server).get('/docs-json').expect(200);
    const eventRoutes = Object.entries(document.paths as Record<string, { post?: { tags?: string[] } }>)
      .filter(([path, item]) => /^\/v1\/invoices\/\{[^}]+\}\/./.test(path) && item.post?.tags?.includes('events'))
      .map(([path]) => path);
    for (const route of eventRoutes) {
      const path = route.replace(/\{[^}]+\}/, fixture.ownInvoiceId);
      for (const role of ROLES) {
        const response = await as(keys[role], 'post', path, {});
        expect({ route, role, status: response.status, shape: response.body }).toEqual({ route, role, status: expect.any(Number), shape: ERROR_SHAPE });
        expect({ route, role, guarded: [401, 403].includes(response.status) }).toEqual({ route, role, guarded: false });
      }
    }
    expect(eventRoutes).toEqual(expect.arrayContaining(['/v1/invoices/{id}/payments', '/v1/invoices/{id}/disputes']));
  });

  it('lets every role make a real write it is allowed to: operators add rates, the back office everything', async () => {
    const rate = { kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, source: 'access test: ECB rate unchanged' };
    await as(keys.operator, 'post', '/v1/rates', rate).expect(201);
    await as(keys.integrator, 'post', '/v1/rates', { ...rate, effectiveFrom: '2027-02-01' }).expect(403);
    await as(keys.backoffice, 'put', '/v1/creditors/acme', FRENCH_CREDITOR).expect(201);
    await as(keys.operator, 'put', '/v1/creditors/acme2', FRENCH_CREDITOR).expect(403);
    expect(await stack.dataSource.query(`SELECT id FROM creditors WHERE id LIKE 'acme%'`)).toEqual([{ id: 'acme' }]);
  });

  describe('an integrator key sees its own creditor only', () => {
    // Decision: another creditor's record answers 404 with the same body as a record that does
    // not exist, not 403: a 403 would tell the integrator that the id exists elsewhere.
    it("answers 404 for another creditor's invoice, exactly as for an invoice that does not exist", async () => {
      const other = await as(keys.integrator, 'get', `/v1/invoices/${fixture.otherInvoiceId}`).expect(404);
      const missing = await as(keys.integrator, 'get', `/v1/invoices/${A_UUID_NOBODY_HAS}`).expect(404);
      expect(other.body.error.code).toBe('INVOICE.NOT_FOUND');
      expect(other.body.error.message.replace(fixture.otherInvoiceId, 'ID')).toBe(missing.body.error.message.replace(A_UUID_NOBODY_HAS, 'ID'));
      await as(keys.integrator, 'get', `/v1/invoices/${fixture.otherInvoiceId}/penalties?asOf=2025-07-31`).expect(404);
      // The other creditor's integrator sees it; back office and operators see both.
      await as(otherIntegratorKey, 'get', `/v1/invoices/${fixture.otherInvoiceId}`).expect(200);
      await as(otherIntegratorKey, 'get', `/v1/invoices/${fixture.ownInvoiceId}`).expect(404);
      await as(keys.operator, 'get', `/v1/invoices/${fixture.otherInvoiceId}`).expect(200);
      await as(keys.backoffice, 'get', `/v1/invoices/${fixture.otherInvoiceId}`).expect(200);
    });

    it("answers 404 for another creditor's customer and profile, and lists its own only", async () => {
      await as(keys.integrator, 'get', `/v1/customers/${fixture.otherCustomerId}`).expect(404);
      await as(keys.integrator, 'get', '/v1/creditors/other').expect(404);
      const customers = await as(keys.integrator, 'get', '/v1/customers').expect(200);
      expect(customers.body.items.map((c: { id: string }) => c.id)).toEqual([fixture.ownCustomerId]);
      // Asking for the other creditor by filter does not widen the scope.
      const filtered = await as(keys.integrator, 'get', '/v1/customers?creditorId=other').expect(200);
      expect(filtered.body.items).toEqual([]);
      const creditors = await as(keys.integrator, 'get', '/v1/creditors').expect(200);
      expect(creditors.body.items.map((c: { id: string }) => c.id)).toEqual(['default']);
      const all = await as(keys.operator, 'get', '/v1/creditors').expect(200);
      expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['default', 'other']));
    });
  });

  describe('authentication', () => {
    const expect401 = async (response: request.Response, invalidToken: boolean) => {
      expect(response.status).toBe(401);
      expect(response.body).toEqual(ERROR_SHAPE);
      expect(response.body.error.code).toBe('AUTH.UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toBe(invalidToken ? 'Bearer realm="relance", error="invalid_token"' : 'Bearer realm="relance"');
    };

    it('refuses a request without a key with 401 and WWW-Authenticate: Bearer', async () => {
      await expect401(await as(undefined, 'get', '/v1/plans'), false);
      await expect401(await as(undefined, 'post', '/v1/invoices', {}), false);
    });

    it('refuses unknown, malformed and wrong keys, and other schemes', async () => {
      const [prefix] = keys.operator.split('_').slice(1, 2);
      const wrongSecret = `rlk_${prefix}_${'A'.repeat(43)}`;
      const unknownPrefix = keys.operator.replace(/^rlk_[0-9a-z]{8}_/, 'rlk_zzzzzzzz_');
      for (const key of [wrongSecret, unknownPrefix, 'not-a-key', `${keys.operator}x`, keys.operator.slice(0, -1)]) {
        await expect401(await as(key, 'get', '/v1/plans'), true);
      }
      await expect401(await request(stack.server).get('/v1/plans').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`), true);
      await expect401(await request(stack.server).get('/v1/plans').set('X-Api-Key', wrongSecret), true);
    });

    it('accepts the key as Authorization: Bearer (any case) or X-Api-Key', async () => {
      await request(stack.server).get('/v1/plans').set('Authorization', `bearer ${keys.operator}`).expect(200);
      await request(stack.server).get('/v1/plans').set('X-Api-Key', keys.operator).expect(200);
      // A proxy's own Basic credentials beside the key in X-Api-Key.
      await request(stack.server).get('/v1/plans').set('Authorization', 'Basic cHJveHk6cHJveHk=').set('X-Api-Key', keys.operator).expect(200);
    });

    it('keeps /health, /docs and /docs-json public', async () => {
      await request(stack.server).get('/health').expect(200);
      await request(stack.server).get('/docs').expect(200).expect('Content-Type', /html/);
      await request(stack.server).get('/docs-json').expect(200);
    });

    it('manages keys with the CLI: create prints the key once, list never shows a secret, revoke stops it at once', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
      expect(await runApiKeysCli(['create', '--name', 'erp', '--role', 'integrator', '--creditor', 'default'], stack.dataSource, io)).toBe(0);
      expect(out).toHaveLength(1);
      const key = out[0];
      expect(key).toMatch(/^rlk_[0-9a-z]{8}_[0-9A-Za-z]{43}$/);
      const prefix = key.split('_')[1];
      await as(key, 'get', `/v1/invoices/${fixture.ownInvoiceId}`).expect(200);

      out.length = 0;
      expect(await runApiKeysCli(['list'], stack.dataSource, io)).toBe(0);
      const listed = out.join('\n');
      expect(listed).toMatch(new RegExp(`^${prefix}\\s+erp\\s+integrator\\s+default\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+-$`, 'm'));
      expect(listed).not.toContain(key.split('_')[2]);
      // Only hashes are stored.
      const row = await stack.dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ prefix });
      expect(row.secretSha256).toHaveLength(32);
      expect(JSON.stringify(await stack.dataSource.query('SELECT * FROM api_keys'))).not.toContain(key.split('_')[2]);

      expect(await runApiKeysCli(['revoke', prefix], stack.dataSource, io)).toBe(0);
      await expect401(await as(key, 'get', `/v1/invoices/${fixture.ownInvoiceId}`), true);
      expect(await runApiKeysCli(['revoke', key], stack.dataSource, io)).toBe(0);
      expect(err.at(-1)).toMatch(/already revoked/);
      expect(await runApiKeysCli(['revoke', 'zzzzzzzz'], stack.dataSource, io)).toBe(1);
      // Usage mistakes: exit code 2, nothing created.
      const before = await stack.dataSource.getRepository(ApiKeyEntity).count();
      expect(await runApiKeysCli(['create', '--name', 'x', '--role', 'integrator'], stack.dataSource, io)).toBe(2);
      expect(await runApiKeysCli(['create', '--name', 'x', '--role', 'operator', '--creditor', 'default'], stack.dataSource, io)).toBe(2);
      expect(await runApiKeysCli(['create', '--name', 'x', '--role', 'admin'], stack.dataSource, io)).toBe(2);
      expect(await runApiKeysCli(['create', '--role', 'operator'], stack.dataSource, io)).toBe(2);
      expect(await runApiKeysCli(['create', '--name', 'x', '--role', 'operator', '--bogus'], stack.dataSource, io)).toBe(2);
      expect(await runApiKeysCli(['rotate'], stack.dataSource, io)).toBe(2);
      expect(await stack.dataSource.getRepository(ApiKeyEntity).count()).toBe(before);
    });

    it('refuses to start in production while no key is active, naming the command that creates one', async () => {
      const production = loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: stack.config.database.url,
        TEMPORAL_ADDRESS: stack.config.temporal.address,
        SMTP_URL: stack.config.mail.smtpUrl,
        PORT: '0',
      });
      const active: { id: string }[] = await stack.dataSource.query(`SELECT id FROM api_keys WHERE revoked_at IS NULL`);
      await stack.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = ANY($1)`, [active.map((row) => row.id)]);
      try {
        const refused = createApi(production, { logger: false });
        await expect(refused).rejects.toBeInstanceOf(NoActiveApiKeyError);
        await expect(refused).rejects.toThrow(/node dist\/src\/api\/api-keys-cli\.js create --name .* --role backoffice/);
      } finally {
        await stack.dataSource.query(`UPDATE api_keys SET revoked_at = NULL WHERE id = ANY($1)`, [active.map((row) => row.id)]);
      }
      const api = await createApi(production, { logger: false });
      await api.close();
    });
  });

  describe('hardening', () => {
    it('sends security headers on API answers, errors included, and never caches them', async () => {
      for (const response of [await as(keys.operator, 'get', '/v1/plans').expect(200), await as(undefined, 'get', '/v1/plans').expect(401)]) {
        expect(response.headers).toMatchObject({
          'content-security-policy': "default-src 'none';frame-ancestors 'none'",
          'x-content-type-options': 'nosniff',
          'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cache-control': 'no-store',
        });
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('lets Swagger UI load: its own scripts and styles, inline styles, data: images, no https upgrade', async () => {
      const page = await request(stack.server).get('/docs').expect(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' https: 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // Every script the page loads is served from /docs, and so allowed by script-src 'self'.
      const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
      expect(scripts).toEqual(['./docs/swagger-ui-bundle.js', './docs/swagger-ui-standalone-preset.js', './docs/swagger-ui-init.js']);
      expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
      for (const script of scripts) await request(stack.server).get(script.replace(/^\./, '')).expect(200);
    });

    it('refuses a body that is not JSON with 415, before reading it', async () => {
      const form = await request(stack.server).post('/v1/customers').set('Authorization', `Bearer ${keys.backoffice}`).type('form').send('externalId=X&legalName=Y').expect(415);
      expect(form.body).toEqual(ERROR_SHAPE);
      expect(form.body.error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
      await request(stack.server).post('/v1/penalties/quote').set('Authorization', `Bearer ${keys.backoffice}`).set('Content-Type', 'text/plain').send(JSON.stringify(QUOTE_EXAMPLE_REQUEST)).expect(415);
      await request(stack.server).post('/v1/penalties/quote').set('Authorization', `Bearer ${keys.backoffice}`).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(QUOTE_EXAMPLE_REQUEST)).expect(200);
    });
  });
});

describe('rate limit per key (API_RATE_LIMIT_PER_MINUTE=3)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, env: { API_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 REQUEST.RATE_LIMITED with Retry-After once a key has used its burst; other keys go on', async () => {
    const first = await stack.createKey('operator', { name: 'busy' });
    const second = await stack.createKey('operator', { name: 'quiet' });
    const get = (key: string) => request(stack.server).get('/v1/plans').set('Authorization', `Bearer ${key}`);
    for (let i = 0; i < 3; i++) await get(first).expect(200);
    const limited = await get(first).expect(429);
    expect(limited.body).toEqual(ERROR_SHAPE);
    expect(limited.body.error.code).toBe('REQUEST.RATE_LIMITED');
    // 3 a minute: one request back every 20 s.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
    await get(second).expect(200);
    // Public routes are not counted.
    for (let i = 0; i < 5; i++) await request(stack.server).get('/health').expect(200);
  });
});
