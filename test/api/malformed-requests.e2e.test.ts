import fc from 'fast-check';
import request from 'supertest';
import { FRENCH_CREDITOR } from '../../src/api/creditor/creditor-examples';
import { FRENCH_BUSINESS } from '../../src/api/customers/customer-examples';
import { QUOTE_EXAMPLE_REQUEST } from '../../src/api/penalties/penalty-examples';
import { PLAN_BODY_EXAMPLE } from '../../src/api/plans/plan.view';
import { startTestStack, type TestStack } from '../support/test-stack';

// Property-based: thousands of generated malformed requests to the routes that take a body. Each
// request starts from a valid body and breaks it one way — a wrong JSON type, an unknown field, a
// missing field, negative or fractional cents, an impossible date, a string of up to 1 MB, broken
// JSON, JSON that is not an object, a body that is not JSON, a bad path id — so every one of them
// must be refused. For each: no 5xx, always the one error shape, and nothing stored (the row count
// of every table is the same after the run as before).

type Path = (string | number)[];
type Kind = 'string' | 'int' | 'object' | 'array' | 'boolean' | 'date';

interface RouteSpec {
  route: string;
  method: 'post' | 'put';
  path: string;
  /** A valid body: every request breaks it in one way. */
  valid: Record<string, unknown>;
  /** Fields that must be present, with their JSON kind. */
  required: [Path, Kind][];
  /** Optional fields: a wrong type (but not null, which means "absent") is refused. */
  optional?: [Path, Kind][];
  /** Amounts in cents (1 to 100 billion euros). */
  cents?: Path[];
  dates?: Path[];
  /** Strings with a maximum length of at most 1,000. */
  bounded?: Path[];
  /** Objects that refuse unknown fields, besides the body itself. */
  nested?: Path[];
  /** Malformed values of the path parameter, if the route has one (the body is then valid). */
  badIds?: fc.Arbitrary<string>;
  numRuns: number;
}

interface MalformedRequest {
  what: string;
  path?: string;
  contentType: string;
  body: string;
}

const MAX_CENTS = 10_000_000_000_000;
/** FUZZ_SCALE=10 runs ten times as many requests per route (a deeper search, locally). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

const ROUTES: RouteSpec[] = [
  {
    route: 'POST /v1/invoices',
    method: 'post',
    path: '/v1/invoices',
    valid: {
      invoiceNumber: 'FUZZ-0001', totalCents: 120_000, netCents: 100_000, currency: 'EUR', issueDate: '2026-11-01', dueDate: '2026-12-01',
      debtor: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.fr', language: 'fr', customerId: 'CUST-0042' },
    },
    required: [[['invoiceNumber'], 'string'], [['totalCents'], 'int'], [['netCents'], 'int'], [['currency'], 'string'], [['issueDate'], 'date'], [['dueDate'], 'date'], [['debtor'], 'object'], [['debtor', 'name'], 'string'], [['debtor', 'email'], 'string']],
    optional: [[['debtor', 'language'], 'string'], [['debtor', 'customerId'], 'string']],
    cents: [['totalCents'], ['netCents']],
    dates: [['issueDate'], ['dueDate']],
    bounded: [['invoiceNumber'], ['debtor', 'name'], ['debtor', 'email'], ['debtor', 'customerId']],
    nested: [['debtor']],
    numRuns: 450,
  },
  {
    route: 'POST /v1/customers',
    method: 'post',
    path: '/v1/customers',
    valid: { ...FRENCH_BUSINESS, externalId: 'FUZZ-0001' },
    required: [[['externalId'], 'string'], [['type'], 'string'], [['legalName'], 'string'], [['country'], 'string'], [['billingAddress'], 'object'], [['billingAddress', 'lines'], 'array'], [['billingAddress', 'city'], 'string'], [['billingAddress', 'postalCode'], 'string'], [['billingAddress', 'country'], 'string'], [['contacts', 0, 'name'], 'string'], [['contacts', 0, 'role'], 'string']],
    optional: [[['contacts'], 'array'], [['habitualLatePayer'], 'boolean'], [['registrationNumber'], 'string'], [['vatNumber'], 'string'], [['registeredOffice'], 'object'], [['planOverride'], 'string'], [['creditorId'], 'string']],
    bounded: [['externalId'], ['legalName'], ['billingAddress', 'city'], ['billingAddress', 'lines', 0], ['contacts', 0, 'name'], ['contacts', 0, 'email'], ['registrationNumber'], ['vatNumber']],
    nested: [['billingAddress'], ['contacts', 0]],
    numRuns: 450,
  },
  {
    route: 'PUT /v1/creditors/:id',
    method: 'put',
    path: '/v1/creditors/fuzz',
    valid: FRENCH_CREDITOR,
    required: [[['legalName'], 'string'], [['jurisdiction'], 'string'], [['registrationNumber'], 'string'], [['address'], 'object'], [['address', 'lines'], 'array'], [['address', 'city'], 'string'], [['signatory'], 'object'], [['signatory', 'name'], 'string'], [['signatory', 'title'], 'string'], [['competentCourt'], 'object'], [['competentCourt', 'name'], 'string'], [['bankDetails'], 'object'], [['bankDetails', 'iban'], 'string'], [['billingContact'], 'object'], [['billingContact', 'name'], 'string'], [['billingContact', 'email'], 'string']],
    optional: [[['vatNumber'], 'string'], [['defaultPlanName'], 'string'], [['bankDetails', 'bic'], 'string'], [['billingContact', 'phone'], 'string']],
    bounded: [['legalName'], ['signatory', 'name'], ['competentCourt', 'name'], ['bankDetails', 'iban'], ['billingContact', 'email'], ['address', 'lines', 0], ['defaultPlanName']],
    nested: [['address'], ['signatory'], ['competentCourt'], ['bankDetails'], ['billingContact']],
    badIds: fc.oneof(
      fc.constantFrom('Fuzz', '-fuzz', 'fuzz_1', 'fuzz.1', 'fuzz 1', 'é', 'a'.repeat(41), '%00', '..'),
      fc.string({ minLength: 1, maxLength: 60 }).filter((id) => !/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)),
    ),
    numRuns: 450,
  },
  {
    route: 'POST /v1/plans',
    method: 'post',
    path: '/v1/plans',
    valid: PLAN_BODY_EXAMPLE as unknown as Record<string, unknown>,
    required: [[['name'], 'string'], [['steps'], 'array'], [['formalNoticeDeadlineDays'], 'int'], [['promiseGraceDays'], 'int'], [['postingConfirmationDays'], 'int'], [['steps', 0], 'object'], [['steps', 0, 'key'], 'string'], [['steps', 0, 'offsetDays'], 'int'], [['steps', 0, 'channel'], 'string'], [['steps', 0, 'template'], 'string'], [['steps', 0, 'tone'], 'string'], [['steps', 0, 'anchor'], 'string']],
    optional: [[['description'], 'string']],
    bounded: [['name'], ['description'], ['steps', 0, 'key']],
    nested: [['steps', 0]],
    numRuns: 400,
  },
  {
    route: 'POST /v1/rates',
    method: 'post',
    path: '/v1/rates',
    valid: { kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, source: 'ECB press release (fuzz)' },
    required: [[['kind'], 'string'], [['effectiveFrom'], 'date'], [['rateBp'], 'int'], [['source'], 'string']],
    dates: [['effectiveFrom']],
    bounded: [['source']],
    numRuns: 250,
  },
  {
    route: 'POST /v1/rates (FR_LEGAL)',
    method: 'post',
    path: '/v1/rates',
    valid: { kind: 'FR_LEGAL', halfYear: '2026-H2', rateBp: 250, privateCreditorRateBp: 650, source: 'Arrêté (fuzz)' },
    required: [[['kind'], 'string'], [['halfYear'], 'string'], [['rateBp'], 'int'], [['privateCreditorRateBp'], 'int'], [['source'], 'string']],
    bounded: [['source'], ['halfYear']],
    numRuns: 250,
  },
  {
    route: 'POST /v1/penalties/quote',
    method: 'post',
    path: '/v1/penalties/quote',
    valid: QUOTE_EXAMPLE_REQUEST,
    required: [[['jurisdiction'], 'string'], [['debtorType'], 'string'], [['amountCents'], 'int'], [['currency'], 'string'], [['dueDate'], 'date'], [['asOf'], 'date'], [['payments', 0, 'amountCents'], 'int'], [['payments', 0, 'date'], 'date']],
    optional: [[['payments'], 'array'], [['contractualRatePercent'], 'string'], [['formalNoticeDate'], 'date'], [['firstReminder'], 'object']],
    cents: [['amountCents'], ['payments', 0, 'amountCents'], ['payments', 1, 'amountCents']],
    dates: [['dueDate'], ['asOf'], ['payments', 0, 'date']],
    nested: [['payments', 0]],
    numRuns: 400,
  },
];

// ---- values ------------------------------------------------------------------------------------

const json = fc.jsonValue({ maxDepth: 2 });
const nonInteger = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n));
const smallArray = fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 });
const smallObject = fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 });

/** A value of another JSON type than `kind` expects (null too when the field is required). */
function wrongType(kind: Kind, required: boolean): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = {
    string: [fc.integer(), nonInteger, fc.boolean(), smallArray, smallObject],
    date: [fc.integer(), fc.boolean(), smallArray, smallObject],
    int: [fc.string({ maxLength: 10 }), fc.integer().map(String), nonInteger, fc.boolean(), smallArray, smallObject],
    object: [fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), smallArray],
    array: [fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), smallObject],
    boolean: [fc.constantFrom('true', 'false', 'yes', ''), fc.integer({ min: 0, max: 1 }), smallArray, smallObject],
  }[kind];
  return required ? fc.oneof(...options, fc.constant(null)) : fc.oneof(...options);
}

const badCents = fc.oneof(
  fc.integer({ min: -MAX_CENTS, max: 0 }),
  nonInteger.map((n) => Math.abs(n) % 1_000_000),
  fc.integer({ min: MAX_CENTS + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(-1, -0.5, 0.5, 1.000001, 1e21, -1e21),
);

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const impossibleDate = fc.oneof(
  // A day the month does not have (30 February, 31 April, 29 February of a common year…).
  fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 29, max: 31 }) })
    .filter(({ year, month, day }) => day > daysIn(year, month))
    .map(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`),
  // A month or day out of range.
  fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 0, max: 99 }), day: fc.integer({ min: 0, max: 99 }) })
    .filter(({ month, day }) => month < 1 || month > 12 || day < 1 || day > 31)
    .map(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`),
  // Not written YYYY-MM-DD.
  fc.constantFrom('2026-1-1', '2026/01/01', '01/02/2026', '2026-01-01T00:00:00Z', '20260101', '', ' ', '2026-02-28 ', 'today', '+02026-01-01'),
  fc.string({ maxLength: 12 }).filter((text) => !/^\d{4}-\d{2}-\d{2}$/.test(text)),
);

/** A string over 1,000 characters, up to 1 MiB (most under 100 kB, the body limit, to reach validation). */
const hugeString = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1_001, max: 100_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 100_001, max: 1_048_576 }) }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const unknownKey = fc.stringMatching(/^[a-z][a-zA-Z]{0,11}$/).map((name) => `zz${name}`);

const NOT_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=fuzz', 'application/xml', 'text/json', 'application/octet-stream', 'text/html'];
const NOT_AN_OBJECT = ['[]', '[1,2]', '[{}]', '"text"', '42', 'null', 'true', '{}'];

// ---- requests ----------------------------------------------------------------------------------

const clone = <T>(value: T): T => structuredClone(value);
function getAt(target: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], target);
}
function setAt(target: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = clone(target);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}
function deleteAt(target: Record<string, unknown>, path: Path): Record<string, unknown> {
  const copy = clone(target);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  delete parent[path[path.length - 1]];
  return copy;
}
const jsonRequest = (what: string, body: unknown): MalformedRequest => ({ what, contentType: 'application/json', body: JSON.stringify(body) });
const named = (path: Path) => path.join('.');

function malformedRequests(spec: RouteSpec): fc.Arbitrary<MalformedRequest> {
  const { valid } = spec;
  const validText = JSON.stringify(valid);
  const existing = (paths: Path[] = []) => paths.filter((path) => getAt(valid, path) !== undefined);
  const pick = <T>(items: T[]) => fc.constantFrom(...items);
  const kinds: fc.Arbitrary<MalformedRequest>[] = [
    // A wrong JSON type in a required field, or in an optional one that is sent.
    pick(spec.required).chain(([path, kind]) => wrongType(kind, true).map((value) => jsonRequest(`wrong type at ${named(path)}`, setAt(valid, path, value)))),
    // A required field left out.
    pick(spec.required).map(([path]) => jsonRequest(`missing ${named(path)}`, deleteAt(valid, path))),
    // An unknown field, in the body or in a nested object.
    fc.tuple(pick<Path>([[], ...existing(spec.nested)]), unknownKey, json).map(([path, key, value]) => jsonRequest(`unknown field ${named([...path, key])}`, setAt(valid, [...path, key], value))),
    // Broken JSON: any proper prefix of an object's text, or a classic mistake.
    fc.integer({ min: 1, max: validText.length - 1 }).map((end) => ({ what: `JSON cut at ${end}`, contentType: 'application/json', body: validText.slice(0, end) })),
    fc
      .constantFrom(`${validText.slice(0, -1)},}`, validText.replace('"', "'"), `${validText}}`, `{${validText}`, validText.replace(':', '='), 'NaN', 'undefined', '{"a":01}', `\u0000${validText}`)
      .map((body) => ({ what: 'malformed JSON', contentType: 'application/json', body })),
    fc.string({ minLength: 1, maxLength: 200 }).filter((text) => { try { JSON.parse(text); return false; } catch { return true; } }).map((body) => ({ what: 'not JSON at all', contentType: 'application/json', body })),
    // JSON that is not the object the route takes.
    pick(NOT_AN_OBJECT).map((body) => ({ what: `JSON ${body}`, contentType: 'application/json', body })),
    // The valid body with a content type that is not JSON.
    pick(NOT_JSON_TYPES).map((contentType) => ({ what: `sent as ${contentType}`, contentType, body: validText })),
    pick(NOT_JSON_TYPES).map((contentType) => ({
      what: `form-encoded, sent as ${contentType}`,
      contentType,
      body: Object.entries(valid).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`).join('&'),
    })),
  ];
  const optional = (spec.optional ?? []).filter(([path]) => getAt(valid, path.slice(0, -1)) !== undefined);
  if (optional.length > 0) kinds.push(pick(optional).chain(([path, kind]) => wrongType(kind, false).map((value) => jsonRequest(`wrong type at optional ${named(path)}`, setAt(valid, path, value)))));
  if (spec.cents) kinds.push(fc.tuple(pick(existing(spec.cents)), badCents).map(([path, value]) => jsonRequest(`bad cents at ${named(path)}: ${value}`, setAt(valid, path, value))));
  if (spec.dates) kinds.push(fc.tuple(pick(existing(spec.dates)), impossibleDate).map(([path, value]) => jsonRequest(`impossible date at ${named(path)}: ${value}`, setAt(valid, path, value))));
  if (spec.bounded) kinds.push(fc.tuple(pick(existing(spec.bounded)), hugeString).map(([path, value]) => jsonRequest(`${value.length} characters at ${named(path)}`, setAt(valid, path, value))));
  if (spec.badIds) {
    const prefix = spec.path.slice(0, spec.path.lastIndexOf('/') + 1);
    kinds.push(spec.badIds.map((id) => ({ what: `bad id ${JSON.stringify(id)}`, path: prefix + encodeURIComponent(id), contentType: 'application/json', body: validText })));
  }
  return fc.oneof(...kinds);
}

// ---- the test ----------------------------------------------------------------------------------

describe('malformed requests (property-based, fast-check)', () => {
  let stack: TestStack;
  let counts: () => Promise<Record<string, number>>;
  const seen: Record<string, Record<number, number>> = {};

  beforeAll(async () => {
    // No rate limit: one key sends thousands of requests.
    stack = await startTestStack({ worker: false, env: { API_RATE_LIMIT_PER_MINUTE: '0' } });
    // Listening once keeps supertest from opening a server per request.
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    // What a malformed request could wrongly change: rows of an existing creditor and customer too.
    await request(stack.http).put('/v1/creditors/default').send(FRENCH_CREDITOR).expect(201);
    await request(stack.http).put('/v1/creditors/fuzz').send(FRENCH_CREDITOR).expect(201);
    await request(stack.http).post('/v1/customers').send(FRENCH_BUSINESS).expect(201);
    const tables: { table_name: string }[] = await stack.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    counts = async () =>
      Object.fromEntries(await Promise.all(tables.map(async ({ table_name }) => [table_name, Number((await stack.dataSource.query(`SELECT count(*) AS n FROM "${table_name}"`))[0].n)])));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(ROUTES)('$route: refuses every malformed request with a 4xx in the error shape, storing nothing', async (spec) => {
    const before = await counts();
    const creditorRow = JSON.stringify(await stack.dataSource.query(`SELECT * FROM creditors ORDER BY id`));
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(malformedRequests(spec), async (malformed) => {
        const response = await request(stack.server)
          [spec.method](malformed.path ?? spec.path)
          .set('Authorization', `Bearer ${stack.backofficeKey}`)
          .set('Content-Type', malformed.contentType)
          .send(malformed.body);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const outcome = { what: malformed.what, status: response.status, clientError: response.status >= 400 && response.status < 500, body: response.body };
        expect(outcome).toEqual({
          what: malformed.what,
          status: response.status,
          clientError: true,
          body: { error: { code: expect.stringMatching(/^[A-Z_]+(\.[A-Z_]+)*$/), message: expect.any(String), details: expect.any(Array) } },
        });
        for (const detail of response.body.error.details) expect(detail).toEqual({ path: expect.any(String), issue: expect.any(String) });
      }),
      { numRuns: spec.numRuns * SCALE },
    );
    seen[spec.route] = statuses;
    expect(await counts()).toEqual(before);
    expect(JSON.stringify(await stack.dataSource.query(`SELECT * FROM creditors ORDER BY id`))).toBe(creditorRow);
  });

  it('tried every way of breaking a request: the answers spread over 400, 413, 415 and 422', () => {
    const all = Object.values(seen).reduce<Record<number, number>>((sum, statuses) => {
      for (const [status, n] of Object.entries(statuses)) sum[Number(status)] = (sum[Number(status)] ?? 0) + n;
      return sum;
    }, {});
    expect(Object.keys(seen)).toHaveLength(ROUTES.length);
    for (const status of [400, 413, 415, 422]) expect({ status, seen: (all[status] ?? 0) > 0 }).toEqual({ status, seen: true });
    expect(Object.values(all).reduce((a, b) => a + b, 0)).toBe(ROUTES.reduce((sum, spec) => sum + spec.numRuns * SCALE, 0));
  });
});
