import request from 'supertest';
import { QUOTE_EXAMPLE_REQUEST, QUOTE_EXAMPLE_RESPONSE, RATE_MISSING_EXAMPLE } from '../../src/api/penalties/penalty-examples';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { OperatorRateEntity } from '../../src/db/entities/operator-rate.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// POST /v1/penalties/quote and GET /v1/invoices/:id/penalties over HTTP on the real stack
// (PostgreSQL with migrations, Temporal dev server, the API); no worker is needed.
//
// Rates used below (shared/domain/late-payment-law.md): FR business = ECB rate in force on
// 1 January / 1 July + 10 points. ECB on 2024-01-01: 4.50 (decision of 2023-09-20) → 14.50 %;
// on 2025-01-01: 3.15 (2024-12-18) → 13.15 %; on 2025-07-01: 2.15 (2025-06-11) → 12.15 %.
// Belgian B2B rate 2025-H2: 10.50 %. Interest = base × rate × days / 365 (365 in leap years too),
// days counted after the due date up to and including the payment day, rounded half-up once.
describe('penalties API on the real stack', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());

  const quote = (body: object) => request(stack.http).post('/v1/penalties/quote').send(body);
  const frB2b = (overrides: Record<string, unknown> = {}) => ({
    jurisdiction: 'FR',
    debtorType: 'business',
    amountCents: 120_000,
    currency: 'EUR',
    dueDate: '2025-05-31',
    payments: [],
    asOf: '2025-07-31',
    ...overrides,
  });
  const storedRows = async () => ({
    rates: await stack.dataSource.getRepository(OperatorRateEntity).count(),
    invoices: await stack.dataSource.getRepository(InvoiceEntity).count(),
  });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('hand-computed quotes', () => {
    it('a payment received on the last day of a half-year (30 June)', async () => {
      // 1,200.00 EUR due 2025-05-31; 500.00 received 2025-06-30, the last 700.00 on 2025-07-10.
      // 06-01..06-30: 30 days on 120,000 at 13.15 %: 120,000 × 13.15 × 30 / 36,500 = 94,680/73 = 1,296.986…
      //   (the money received on 06-30 lowers the base from 07-01 only)
      // 07-01..07-10: 10 days on  70,000 at 12.15 %:  70,000 × 12.15 × 10 / 36,500 = 17,010/73 =   233.013…
      // total 111,690/73 = 1,530.000 exactly → 1,530 cents; + 40 EUR indemnity = 5,530.
      // Lines by largest remainder: floors 1,296 + 233 = 1,529, the missing cent goes to .986 → 1,297 + 233.
      const response = await quote(QUOTE_EXAMPLE_REQUEST).expect(200);
      expect(response.body).toEqual(QUOTE_EXAMPLE_RESPONSE); // also the Swagger example of the route
    });

    it('a late period in a leap year counts 29 February and still divides by 365', async () => {
      // 1,000.00 EUR due 2024-02-15, paid in full 2024-03-15: 02-16..03-15 = 14 + 15 = 29 days
      // (28 in a common year) at 14.50 %: 100,000 × 14.5 × 29 / 36,500 = 84,100/73 = 1,152.05 → 1,152.
      const response = await quote(
        frB2b({ amountCents: 100_000, dueDate: '2024-02-15', payments: [{ amountCents: 100_000, date: '2024-03-15' }], asOf: '2024-04-30' }),
      ).expect(200);
      expect(response.body).toMatchObject({ rule: 'FR_B2B_ECB_PLUS_10', outstandingCents: 0, interestCents: 1_152, indemnityCents: 4_000, totalCents: 5_152 });
      expect(response.body.segments).toEqual([
        { from: '2024-02-16', to: '2024-03-15', days: 29, baseCents: 100_000, ratePercent: '14.50', interestCents: 1_152, exactInterestCents: '84100/73' },
      ]);
    });

    it('a partial payment lowers the base from the next day (Belgium, business debtor)', async () => {
      // 2,500.00 EUR due 2025-09-30; 1,000.00 received 2025-10-31; still 1,500.00 unpaid at 2025-12-31.
      // 10-01..10-31: 31 days on 250,000 at 10.5 %: 250,000 × 10.5 × 31 / 36,500 = 162,750/73 = 2,229.45…
      // 11-01..12-31: 61 days on 150,000 at 10.5 %: 150,000 × 10.5 × 61 / 36,500 = 192,150/73 = 2,632.19…
      // total 354,900/73 = 4,861.64 → 4,862; lines 2,229 + 2,632 + 1 cent to the larger remainder (.45) → 2,230 + 2,632.
      // + 40 EUR flat compensation (law of 2 August 2002) = 8,862.
      const response = await quote(
        frB2b({ jurisdiction: 'BE', amountCents: 250_000, dueDate: '2025-09-30', payments: [{ amountCents: 100_000, date: '2025-10-31' }], asOf: '2025-12-31' }),
      ).expect(200);
      expect(response.body).toEqual({
        jurisdiction: 'BE',
        debtorType: 'business',
        currency: 'EUR',
        asOf: '2025-12-31',
        rule: 'BE_B2B_LAW_RATE',
        accrualStartsAfter: '2025-09-30',
        outstandingCents: 150_000,
        interestCents: 4_862,
        indemnityCents: 4_000,
        totalCents: 8_862,
        segments: [
          { from: '2025-10-01', to: '2025-10-31', days: 31, baseCents: 250_000, ratePercent: '10.50', interestCents: 2_230, exactInterestCents: '162750/73' },
          { from: '2025-11-01', to: '2025-12-31', days: 61, baseCents: 150_000, ratePercent: '10.50', interestCents: 2_632, exactInterestCents: '192150/73' },
        ],
      });
    });

    it('a Belgian consumer: nothing before 14 days after the first reminder, then capped damages', async () => {
      // 400.00 EUR due 2025-09-30, first reminder by e-mail on Monday 2025-10-06: the 14 days run
      // 10-07..10-20, interest from 10-21 to 11-19 = 11 + 19 = 30 days at the B2B rate 10.5 %:
      // 40,000 × 10.5 × 30 / 36,500 = 25,200/73 = 345.21 → 345.
      // Damages on 400.00 (150.01-500 tier): 30 EUR + 10 % × 250.00 = 55.00 → 5,500; total 5,845.
      const response = await quote(
        frB2b({ jurisdiction: 'BE', debtorType: 'consumer', amountCents: 40_000, dueDate: '2025-09-30', asOf: '2025-11-19', firstReminder: { date: '2025-10-06', channel: 'email' } }),
      ).expect(200);
      expect(response.body).toMatchObject({ rule: 'BE_B2C_CAPPED_RATE', accrualStartsAfter: '2025-10-20', interestCents: 345, indemnityCents: 5_500, totalCents: 5_845 });
    });

    it('a rate missing from the tables (2027-H1) is a 422 RATE.MISSING until an operator adds it via POST /v1/rates', async () => {
      // 1,200.00 EUR due 2027-01-31, asOf 2027-03-02: every day is in 2027-H1, whose ECB rate (in force
      // on 2027-01-01) no table has. After the operator adds 2.40 % from 2027-01-01 (a test value):
      // 02-01..03-02 = 28 + 2 = 30 days at 12.40 %: 120,000 × 12.4 × 30 / 36,500 = 1,223.01 → 1,223; + 4,000 = 5,223.
      const body = frB2b({ dueDate: '2027-01-31', asOf: '2027-03-02' });
      const missing = await quote(body).expect(422);
      expect(missing.body.error.code).toBe('RATE.MISSING');
      expect(missing.body.error.message).toContain('No ECB_MRO rate for 2027-H1');
      expect(missing.body.error.message).toContain('POST /v1/rates {"kind":"ECB_MRO","effectiveFrom":"2027-01-01"');
      expect(missing.body.error.details).toEqual([{ path: 'rates.ECB_MRO.2027-H1', issue: expect.stringContaining('known up to 2026-03-19') }]);
      expect(missing.body).toEqual(RATE_MISSING_EXAMPLE.value); // the Swagger example is the real answer

      await request(stack.http)
        .post('/v1/rates')
        .send({ kind: 'ECB_MRO', effectiveFrom: '2027-01-01', rateBp: 240, source: 'test value, not a real ECB decision' })
        .expect(201);

      const computed = await quote(body).expect(200);
      expect(computed.body).toMatchObject({ interestCents: 1_223, indemnityCents: 4_000, totalCents: 5_223 });
      expect(computed.body.segments).toEqual([expect.objectContaining({ from: '2027-02-01', to: '2027-03-02', days: 30, ratePercent: '12.40' })]);
    });

    it('maps an input the engine refuses to a 422 naming the field', async () => {
      const response = await quote(
        frB2b({ jurisdiction: 'BE', debtorType: 'consumer', dueDate: '2025-09-30', firstReminder: { date: '2025-09-15', channel: 'post' } }),
      ).expect(422);
      expect(response.body.error.code).toBe('PENALTY.INVALID_INPUT');
      expect(response.body.error.details).toEqual([{ path: 'firstReminder.date', issue: 'firstReminder.date a reminder is sent after the due date' }]);
    });
  });

  describe('refuses malformed bodies with a 4xx naming the field, and stores nothing', () => {
    const cases: [string, object, string][] = [
      ['negative amount', frB2b({ amountCents: -5 }), 'amountCents'],
      ['amount with decimals', frB2b({ amountCents: 1200.5 }), 'amountCents'],
      ['amount as a string', frB2b({ amountCents: '120000' }), 'amountCents'],
      ['zero amount', frB2b({ amountCents: 0 }), 'amountCents'],
      ['amount beyond 100 billion euros', frB2b({ amountCents: 10_000_000_000_001 }), 'amountCents'],
      ['impossible due date', frB2b({ dueDate: '2025-02-29' }), 'dueDate'],
      ['asOf not YYYY-MM-DD', frB2b({ asOf: '31/07/2025' }), 'asOf'],
      ['missing asOf', frB2b({ asOf: undefined }), 'asOf'],
      ['unknown field', frB2b({ interestRate: 12 }), 'interestRate'],
      ['unknown field in a payment', frB2b({ payments: [{ amountCents: 100, date: '2025-06-10', method: 'wire' }] }), 'payments.0.method'],
      ['negative payment', frB2b({ payments: [{ amountCents: -100, date: '2025-06-10' }] }), 'payments.0.amountCents'],
      ['payment in euros with decimals', frB2b({ payments: [{ amountCents: 10.5, date: '2025-06-10' }] }), 'payments.0.amountCents'],
      ['impossible payment date', frB2b({ payments: [{ amountCents: 100, date: '2025-06-31' }] }), 'payments.0.date'],
      ['payments not a list', frB2b({ payments: { amountCents: 100, date: '2025-06-10' } }), 'payments'],
      ['unknown jurisdiction', frB2b({ jurisdiction: 'DE' }), 'jurisdiction'],
      ['unknown debtor type', frB2b({ debtorType: 'individual' }), 'debtorType'],
      ['unsupported currency', frB2b({ currency: 'USD' }), 'currency'],
      ['contractual rate with a comma', frB2b({ contractualRatePercent: '12,5' }), 'contractualRatePercent'],
      ['contractual rate as a number', frB2b({ contractualRatePercent: 12.5 }), 'contractualRatePercent'],
      ['contractual rate above 100 %', frB2b({ contractualRatePercent: '150' }), 'contractualRatePercent'],
      ['reminder by fax', frB2b({ firstReminder: { date: '2025-06-10', channel: 'fax' } }), 'firstReminder.channel'],
      ['formal notice not a date', frB2b({ formalNoticeDate: 'yesterday' }), 'formalNoticeDate'],
    ];

    it.each(cases)('%s', async (_label, body, field) => {
      const before = await storedRows();
      const response = await quote(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await storedRows()).toEqual(before);
    });

    it('malformed JSON is a 400', async () => {
      const response = await request(stack.http).post('/v1/penalties/quote').set('Content-Type', 'application/json').send('{"amountCents": ').expect(400);
      expect(response.body.error.code).toBe('REQUEST.MALFORMED_JSON');
    });
  });

  describe('GET /v1/invoices/:id/penalties', () => {
    const insertInvoice = async (invoiceNumber: string, dueDate: string) => {
      const repo = stack.dataSource.getRepository(InvoiceEntity);
      return repo.save(
        repo.create({
          creditorId: 'default',
          invoiceNumber,
          customerId: 'CUST-1',
          totalCents: 120_000,
          netCents: 100_000,
          currency: 'EUR',
          issueDate: '2025-04-30',
          dueDate,
          debtorName: 'Boulangerie Martin SARL',
          debtorEmail: 'compta@boulangerie-martin.example',
          debtorLanguage: 'fr',
          workflowId: `invoice:default:${invoiceNumber}`,
          stage: 'awaiting_due_date',
        }),
      );
    };

    it('computes a stored invoice as FR, business debtor, no payment', async () => {
      // 1,200.00 EUR due 2025-05-31, asOf 2025-07-10, nothing paid:
      // 06-01..06-30: 120,000 × 13.15 × 30 / 36,500 = 94,680/73 = 1,296.99
      // 07-01..07-10: 120,000 × 12.15 × 10 / 36,500 = 29,160/73 =   399.45
      // total 123,840/73 = 1,696.44 → 1,696; lines 1,297 + 399; + 4,000 = 5,696.
      const invoice = await insertInvoice('F-2025-0042', '2025-05-31');
      const response = await request(stack.http).get(`/v1/invoices/${invoice.id}/penalties?asOf=2025-07-10`).expect(200);
      expect(response.body).toEqual({
        invoiceId: invoice.id,
        invoiceNumber: 'F-2025-0042',
        jurisdiction: 'FR',
        debtorType: 'business',
        currency: 'EUR',
        asOf: '2025-07-10',
        rule: 'FR_B2B_ECB_PLUS_10',
        accrualStartsAfter: '2025-05-31',
        outstandingCents: 120_000,
        interestCents: 1_696,
        indemnityCents: 4_000,
        totalCents: 5_696,
        segments: [
          { from: '2025-06-01', to: '2025-06-30', days: 30, baseCents: 120_000, ratePercent: '13.15', interestCents: 1_297, exactInterestCents: '94680/73' },
          { from: '2025-07-01', to: '2025-07-10', days: 10, baseCents: 120_000, ratePercent: '12.15', interestCents: 399, exactInterestCents: '29160/73' },
        ],
      });
    });

    it('defaults asOf to today in Paris', async () => {
      const invoice = await insertInvoice('F-NOT-DUE', addDays(today, 30));
      const response = await request(stack.http).get(`/v1/invoices/${invoice.id}/penalties`).expect(200);
      expect(response.body).toMatchObject({ asOf: today, accrualStartsAfter: addDays(today, 30), interestCents: 0, indemnityCents: 0, totalCents: 0, segments: [] });
    });

    it('404 for an unknown id, 422 for a bad id, asOf or query field', async () => {
      const unknown = await request(stack.http).get('/v1/invoices/00000000-0000-4000-8000-000000000000/penalties?asOf=2025-07-10').expect(404);
      expect(unknown.body.error.code).toBe('INVOICE.NOT_FOUND');
      const badId = await request(stack.http).get('/v1/invoices/not-a-uuid/penalties').expect(422);
      expect(badId.body.error.details).toEqual([{ path: 'id', issue: 'id must be a UUID' }]);
      const invoice = await stack.dataSource.getRepository(InvoiceEntity).findOneByOrFail({ invoiceNumber: 'F-2025-0042' });
      for (const asOf of ['2025-02-30', '2025-7-10', 'today']) {
        const bad = await request(stack.http).get(`/v1/invoices/${invoice.id}/penalties`).query({ asOf }).expect(422);
        expect(bad.body.error).toMatchObject({ code: 'VALIDATION.FAILED', details: [{ path: 'asOf', issue: 'asOf must be a real date written YYYY-MM-DD' }] });
      }
      const extra = await request(stack.http).get(`/v1/invoices/${invoice.id}/penalties?asOf=2025-07-10&jurisdiction=BE`).expect(422);
      expect(extra.body.error.details.map((d: { path: string }) => d.path)).toEqual(['jurisdiction']);
    });
  });

  it('documents the routes with their error responses in the OpenAPI document', async () => {
    const { body } = await request(stack.http).get('/docs-json').expect(200);
    const quoteDoc = body.paths['/v1/penalties/quote'].post;
    expect(Object.keys(quoteDoc.responses)).toEqual(expect.arrayContaining(['200', '400', '422', '503']));
    expect(quoteDoc.responses['422'].content['application/json'].examples.rateMissing.value.error.code).toBe('RATE.MISSING');
    expect(quoteDoc.requestBody.content['application/json'].examples).toBeDefined();
    const invoiceDoc = body.paths['/v1/invoices/{id}/penalties'].get;
    expect(Object.keys(invoiceDoc.responses)).toEqual(expect.arrayContaining(['200', '404', '422']));
  });
});
