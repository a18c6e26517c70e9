import request from 'supertest';
import { FRENCH_CREDITOR } from '../../src/api/creditor/creditor-examples';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { startTestStack, type TestStack } from '../support/test-stack';

// What a dunning copies when it starts: the plan in force (customer override > creditor default >
// shipped default) and the penalty terms with the rates operators had added by then.
describe('plan and penalty terms copied into a new dunning', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  const { defaultPlanName: _plan, ...creditor } = FRENCH_CREDITOR;
  const customer = (externalId: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    type: 'business',
    legalName: `Client ${externalId}`,
    country: 'FR',
    billingAddress: { lines: ['1 rue du Port'], postalCode: '69002', city: 'Lyon', country: 'FR' },
    contacts: [{ role: 'billing', name: 'Compta', email: `${externalId.toLowerCase()}@client.example` }],
    ...extra,
  });
  const invoice = (invoiceNumber: string, customerId: string) => ({
    invoiceNumber,
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: addDays(today, -60),
    dueDate: addDays(today, -30),
    debtor: { name: `Client ${customerId}`, email: `${customerId.toLowerCase()}@client.example`, customerId },
  });
  const dunningOf = async (invoiceNumber: string, customerId: string) => {
    const created = await request(stack.http).post('/v1/invoices').send(invoice(invoiceNumber, customerId)).expect(201);
    return stack.temporal.client.workflow.getHandle(created.body.workflowId).query('dunningState') as Promise<{
      plan: { name: string; version: number };
      penalties: { status: string; code?: string };
    }>;
  };

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses to assign a plan that does not exist, naming the field', async () => {
    const creditorResponse = await request(stack.http).put('/v1/creditors/default').send({ ...creditor, defaultPlanName: 'no-such-plan' }).expect(422);
    expect(creditorResponse.body.error).toMatchObject({ code: 'PLAN.UNKNOWN', details: [{ path: 'defaultPlanName', issue: 'no plan named no-such-plan' }] });
    await request(stack.http).put('/v1/creditors/default').send(creditor).expect(201);
    const customerResponse = await request(stack.http).post('/v1/customers').send(customer('C-BAD', { planOverride: 'no-such-plan' })).expect(422);
    expect(customerResponse.body.error.details).toEqual([{ path: 'planOverride', issue: 'no plan named no-such-plan' }]);
  });

  it('uses the shipped default plan, then the creditor default, then the customer override', async () => {
    await request(stack.http).post('/v1/customers').send(customer('C-PLAIN')).expect(201);
    await request(stack.http).post('/v1/customers').send(customer('C-LATE', { habitualLatePayer: true, planOverride: 'fr-b2b-habitual-late-payer' })).expect(201);

    expect((await dunningOf('T-1', 'C-PLAIN')).plan).toEqual({ name: 'fr-b2b-default', version: 1 });
    expect((await dunningOf('T-2', 'C-LATE')).plan).toEqual({ name: 'fr-b2b-habitual-late-payer', version: 1 });

    const base = (await request(stack.http).get('/v1/plans/fr-b2b-default').expect(200)).body;
    const { name: _n, version: _v, origin: _o, ...body } = base;
    await request(stack.http).post('/v1/plans').send({ ...body, name: 'atelier-standard', promiseGraceDays: 5 }).expect(201);
    await request(stack.http).put('/v1/creditors/default').send({ ...creditor, defaultPlanName: 'atelier-standard' }).expect(200);
    expect((await dunningOf('T-3', 'C-PLAIN')).plan).toEqual({ name: 'atelier-standard', version: 1 });
    expect((await dunningOf('T-4', 'C-LATE')).plan).toEqual({ name: 'fr-b2b-habitual-late-payer', version: 1 });

    // A new version reaches new dunnings only.
    await request(stack.http).post('/v1/plans/atelier-standard/versions').send({ ...body, promiseGraceDays: 2 }).expect(201);
    expect((await dunningOf('T-5', 'C-PLAIN')).plan).toEqual({ name: 'atelier-standard', version: 2 });
    const t3 = await stack.temporal.client.workflow.getHandle('invoice:default:T-3').query('dunningState');
    expect((t3 as { plan: unknown }).plan).toEqual({ name: 'atelier-standard', version: 1 });
  });

  it('copies the operator rates into the penalty terms of a new dunning', async () => {
    // The invoice fell due 30 days ago: its penalties need the rates of the current half-year.
    const before = await dunningOf('R-1', 'C-PLAIN');
    const needsRates = before.penalties.status === 'unavailable';
    if (needsRates) {
      expect(before.penalties.code).toBe('RATE.MISSING');
      const half = Number(today.slice(5, 7)) <= 6 ? 'H1' : 'H2';
      const start = `${today.slice(0, 4)}-${half === 'H1' ? '01' : '07'}-01`;
      await request(stack.http).post('/v1/rates').send({ kind: 'ECB_MRO', effectiveFrom: start, rateBp: 215, source: 'test: unchanged rate confirmed' }).expect(201);
    }
    const after = await dunningOf('R-2', 'C-PLAIN');
    expect(after.penalties.status).toBe('computed');
  });

  it('gives each line of a batch import the terms it would get alone (read once for the batch)', async () => {
    const lines = [invoice('B-1', 'C-PLAIN'), invoice('B-2', 'C-LATE'), invoice('B-3', 'C-UNKNOWN'), invoice('B-4', 'C-LATE')];
    const response = await request(stack.http).post('/v1/invoices/batch').send({ invoices: lines }).expect(200);
    expect(response.body.counts).toEqual({ created: 4, exists: 0, refused: 0, dunningPending: 0 });
    const stateOf = (number: string) =>
      stack.temporal.client.workflow.getHandle(`invoice:default:${number}`).query('dunningState') as Promise<{ plan: unknown; penalties: { status: string } }>;
    const states = await Promise.all(['B-1', 'B-2', 'B-3', 'B-4'].map(stateOf));
    expect(states.map((state) => state.plan)).toEqual([
      { name: 'atelier-standard', version: 2 },
      { name: 'fr-b2b-habitual-late-payer', version: 1 },
      { name: 'atelier-standard', version: 2 },
      { name: 'fr-b2b-habitual-late-payer', version: 1 },
    ]);
    expect(states.map((state) => state.penalties.status)).toEqual(['computed', 'computed', 'computed', 'computed']);
  });
});
