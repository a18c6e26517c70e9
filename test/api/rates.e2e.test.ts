import request from 'supertest';
import { OperatorRateEntity } from '../../src/db/entities/operator-rate.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// GET/POST /v1/rates over HTTP on the real stack (PostgreSQL with migrations, Temporal dev server,
// the API). One database for the file: the tests build on each other, in order.
describe('rates API on the real stack', () => {
  let stack: TestStack;
  const rateRows = () => stack.dataSource.getRepository(OperatorRateEntity).count();
  const post = (body: object) => request(stack.http).post('/v1/rates').send(body);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the shipped tables, each entry with its origin and source', async () => {
    const { body } = await request(stack.http).get('/v1/rates').expect(200);
    expect(body.ecbKnownUntil).toBe('2026-03-19');
    const count = (kind: string) => body.rates.filter((r: { kind: string }) => r.kind === kind).length;
    expect([count('ECB_MRO'), count('FR_LEGAL'), count('BE_B2B')]).toEqual([19, 7, 21]);
    expect(body.rates.every((r: { origin: string; source: string }) => r.origin === 'shipped' && r.source.length > 20)).toBe(true);
    expect(body.rates).toContainEqual(
      expect.objectContaining({ kind: 'ECB_MRO', effectiveFrom: '2025-06-11', rateBp: 215, ratePercent: '2.15', origin: 'shipped' }),
    );
    expect(body.rates).toContainEqual(
      expect.objectContaining({ kind: 'FR_LEGAL', halfYear: '2026-H1', rateBp: 262, ratePercent: '2.62', privateCreditorRateBp: 667, privateCreditorRatePercent: '6.67' }),
    );
    const belgian = await request(stack.http).get('/v1/rates?kind=BE_B2B').expect(200);
    expect(belgian.body.rates.map((r: { halfYear: string }) => r.halfYear).slice(-2)).toEqual(['2025-H2', '2026-H1']);
    const bad = await request(stack.http).get('/v1/rates?kind=LIBOR').expect(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['kind']);
  });

  it('adds a French legal rate that the next quote uses, without a release', async () => {
    // FR consumer, 2,000.00 EUR, formal notice 2026-07-15: interest 07-16..08-13 = 16 + 13 = 29 days
    // at the 2026-H2 legal rate ("all other cases"), which no table has yet. With 2.50 % (a test value):
    // 200,000 × 2.5 × 29 / 36,500 = 397.26 → 397; no indemnity against a consumer.
    const consumerQuote = {
      jurisdiction: 'FR', debtorType: 'consumer', amountCents: 200_000, currency: 'EUR',
      dueDate: '2026-06-30', formalNoticeDate: '2026-07-15', asOf: '2026-08-13',
    };
    const before = await request(stack.http).post('/v1/penalties/quote').send(consumerQuote).expect(422);
    expect(before.body.error).toMatchObject({ code: 'RATE.MISSING', details: [{ path: 'rates.FR_LEGAL.2026-H2' }] });

    const created = await post({ kind: 'FR_LEGAL', halfYear: '2026-H2', rateBp: 250, privateCreditorRateBp: 650, source: 'test value, not the real arrêté' }).expect(201);
    expect(created.body).toEqual({
      kind: 'FR_LEGAL', halfYear: '2026-H2', rateBp: 250, ratePercent: '2.50', privateCreditorRateBp: 650, privateCreditorRatePercent: '6.50',
      origin: 'operator', source: 'test value, not the real arrêté', id: expect.any(String), createdAt: expect.any(String), createdBy: 'api',
    });
    const row = await stack.dataSource.getRepository(OperatorRateEntity).findOneByOrFail({ id: created.body.id });
    expect(row).toMatchObject({ kind: 'FR_LEGAL', year: 2026, half: 2, effectiveFrom: null, rateBp: 250, privateCreditorRateBp: 650 });

    const after = await request(stack.http).post('/v1/penalties/quote').send(consumerQuote).expect(200);
    expect(after.body).toMatchObject({ rule: 'FR_B2C_LEGAL_RATE', interestCents: 397, indemnityCents: 0, totalCents: 397 });
    expect(after.body.segments).toEqual([expect.objectContaining({ from: '2026-07-16', to: '2026-08-13', days: 29, ratePercent: '2.50' })]);
  });

  it('adds an ECB rate: it extends what is known and shows in the list as an operator entry', async () => {
    const created = await post({ kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, source: 'test: ECB rate unchanged on 2027-01-01' }).expect(201);
    expect(created.body).toMatchObject({ kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 215, ratePercent: '2.15', origin: 'operator' });
    expect(created.body.halfYear).toBeUndefined();
    const { body } = await request(stack.http).get('/v1/rates?kind=ECB_MRO').expect(200);
    expect(body.ecbKnownUntil).toBe('2027-01-01');
    expect(body.rates.at(-1)).toMatchObject({ effectiveFrom: '2027-01-01', origin: 'operator', source: 'test: ECB rate unchanged on 2027-01-01', createdBy: 'api' });
    // 2026-H2 is now covered too (the operator vouches for every ECB rate up to 2027-01-01): FR business,
    // due 2026-09-30, asOf 2026-10-30: 30 days at 2.15 + 10 = 12.15 %: 120,000 × 12.15 × 30 / 36,500 = 1,198.36 → 1,198.
    const quote = await request(stack.http)
      .post('/v1/penalties/quote')
      .send({ jurisdiction: 'FR', debtorType: 'business', amountCents: 120_000, currency: 'EUR', dueDate: '2026-09-30', asOf: '2026-10-30' })
      .expect(200);
    expect(quote.body).toMatchObject({ interestCents: 1_198, totalCents: 5_198 });
  });

  it('accepts an ECB decision older than the shipped table, for older invoices', async () => {
    // The shipped table starts at 2016-03-16, so 2016-H1 (rate in force on 2016-01-01) is missing. The ECB
    // MRO rate was 0.05 % from 2014-09-10 to 2016-03-15. FR business, due 2015-12-31, asOf 2016-01-30:
    // 30 days at 0.05 + 10 = 10.05 %: 100,000 × 10.05 × 30 / 36,500 = 826.03 → 826.
    const quote = { jurisdiction: 'FR', debtorType: 'business', amountCents: 100_000, currency: 'EUR', dueDate: '2015-12-31', asOf: '2016-01-30' };
    const missing = await request(stack.http).post('/v1/penalties/quote').send(quote).expect(422);
    expect(missing.body.error.details).toEqual([{ path: 'rates.ECB_MRO.2016-H1', issue: expect.stringContaining('no decision on or before 2016-01-01') }]);
    await post({ kind: 'ECB_MRO', effectiveFrom: '2014-09-10', rateBp: 5, source: 'ECB press release of 2014-09-04' }).expect(201);
    const { body } = await request(stack.http).post('/v1/penalties/quote').send(quote).expect(200);
    expect(body).toMatchObject({ interestCents: 826, segments: [expect.objectContaining({ ratePercent: '10.05', days: 30 })] });
    expect((await request(stack.http).get('/v1/rates?kind=ECB_MRO').expect(200)).body.ecbKnownUntil).toBe('2027-01-01');
  });

  it('refuses a key that already exists with 409 RATE.DUPLICATE, shipped or operator-added, and stores nothing', async () => {
    const before = await rateRows();
    const again = await post({ kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 240, source: 'another' }).expect(409);
    expect(again.body.error).toMatchObject({ code: 'RATE.DUPLICATE', details: [{ path: 'effectiveFrom', issue: 'ECB_MRO 2027-01-01 already exists (operator, 2.15 %)' }] });
    const shippedHalfYear = await post({ kind: 'BE_B2B', halfYear: '2026-H1', rateBp: 1100, source: 'x' }).expect(409);
    expect(shippedHalfYear.body.error).toMatchObject({ code: 'RATE.DUPLICATE', details: [{ path: 'halfYear', issue: 'BE_B2B 2026-H1 already exists (shipped, 10.50 %)' }] });
    const shippedEcb = await post({ kind: 'ECB_MRO', effectiveFrom: '2025-06-11', rateBp: 215, source: 'x' }).expect(409);
    expect(shippedEcb.body.error.code).toBe('RATE.DUPLICATE');
    expect(await rateRows()).toBe(before);
  });

  it('lets only one of concurrent identical POSTs in (unique index)', async () => {
    const body = { kind: 'BE_B2B', halfYear: '2026-H2', rateBp: 1050, source: 'test value' };
    const responses = await Promise.all([post(body), post(body), post(body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await stack.dataSource.getRepository(OperatorRateEntity).countBy({ kind: 'BE_B2B' })).toBe(1);
  });

  describe('refuses malformed rates with a 422 naming the field, and stores nothing', () => {
    const ecb = (overrides: Record<string, unknown> = {}) => ({ kind: 'ECB_MRO', effectiveFrom: '2026-12-17', rateBp: 200, source: 'test', ...overrides });
    const cases: [string, object, string][] = [
      ['unknown kind', ecb({ kind: 'ECB' }), 'kind'],
      ['ECB without effectiveFrom', ecb({ effectiveFrom: undefined }), 'effectiveFrom'],
      ['ECB with a half-year', ecb({ halfYear: '2026-H2' }), 'halfYear'],
      ['impossible effective date', ecb({ effectiveFrom: '2027-02-30' }), 'effectiveFrom'],
      ['ECB decision inside the shipped table range', ecb({ effectiveFrom: '2025-01-01' }), 'effectiveFrom'],
      ['ECB decision on the last day the shipped table covers', ecb({ effectiveFrom: '2026-03-19' }), 'effectiveFrom'],
      ['effective far in the future (typo 2072)', ecb({ effectiveFrom: '2072-01-01' }), 'effectiveFrom'],
      ['rate in percent with decimals', ecb({ rateBp: 2.15 }), 'rateBp'],
      ['rate as a string', ecb({ rateBp: '215' }), 'rateBp'],
      ['rate above 100 %', ecb({ rateBp: 20_000 }), 'rateBp'],
      ['missing source', ecb({ source: undefined }), 'source'],
      ['empty source', ecb({ source: '' }), 'source'],
      ['unknown field', ecb({ comment: 'hi' }), 'comment'],
      ['FR legal rate without the private-creditor column', { kind: 'FR_LEGAL', halfYear: '2027-H1', rateBp: 250, source: 'x' }, 'privateCreditorRateBp'],
      ['FR legal rate without a half-year', { kind: 'FR_LEGAL', rateBp: 250, privateCreditorRateBp: 650, source: 'x' }, 'halfYear'],
      ['half-year H3', { kind: 'BE_B2B', halfYear: '2027-H3', rateBp: 1050, source: 'x' }, 'halfYear'],
      ['negative Belgian rate', { kind: 'BE_B2B', halfYear: '2027-H1', rateBp: -50, source: 'x' }, 'rateBp'],
      ['private-creditor column on a Belgian rate', { kind: 'BE_B2B', halfYear: '2027-H1', rateBp: 1050, privateCreditorRateBp: 1, source: 'x' }, 'privateCreditorRateBp'],
      ['effective date on a half-year kind', { kind: 'BE_B2B', halfYear: '2027-H1', effectiveFrom: '2027-01-01', rateBp: 1050, source: 'x' }, 'effectiveFrom'],
    ];

    it.each(cases)('%s', async (_label, body, field) => {
      const before = await rateRows();
      const response = await post(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await rateRows()).toBe(before);
    });
  });

  it('documents GET and POST /v1/rates with examples and error responses', async () => {
    const { body } = await request(stack.http).get('/docs-json').expect(200);
    expect(Object.keys(body.paths['/v1/rates'].get.responses)).toEqual(expect.arrayContaining(['200', '422']));
    const postDoc = body.paths['/v1/rates'].post;
    expect(Object.keys(postDoc.responses)).toEqual(expect.arrayContaining(['201', '409', '422']));
    expect(Object.keys(postDoc.requestBody.content['application/json'].examples)).toHaveLength(3);
  });
});
