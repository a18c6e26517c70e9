import request from 'supertest';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// POST /v1/invoices with Idempotency-Key, on the real stack.
describe('POST /v1/invoices with Idempotency-Key', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  const invoice = (overrides: Record<string, unknown> = {}) => ({
    invoiceNumber: 'IK-0001',
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: today,
    dueDate: addDays(today, 30),
    debtor: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.example' },
    ...overrides,
  });
  const post = (body: object, key?: string) => {
    const req = request(stack.http).post('/v1/invoices');
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const workflowRuns = async (workflowId: string) => {
    let runs = 0;
    for await (const _ of stack.temporal.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs += 1;
    return runs;
  };

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers the same invoice with 200 for the same key and body, and never starts a second dunning', async () => {
    const first = await post(invoice(), 'key-1').expect(201);
    // Same content, keys in another order: same body.
    const again = await post(Object.fromEntries(Object.entries(invoice()).reverse()), 'key-1').expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.workflowId).toBe(first.body.workflowId);
    expect(await stack.dataSource.getRepository(InvoiceEntity).countBy({ invoiceNumber: 'IK-0001' })).toBe(1);
    expect(await workflowRuns(first.body.workflowId)).toBe(1);
    const [row] = await stack.dataSource.query('SELECT count(*)::int AS n FROM invoice_idempotency_keys WHERE key = $1', ['key-1']);
    expect(row.n).toBe(1);
  });

  it('refuses the same key with a different body: 409 IDEMPOTENCY.KEY_REUSED', async () => {
    const response = await post(invoice({ invoiceNumber: 'IK-0002' }), 'key-1').expect(409);
    expect(response.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(response.body.error.details).toEqual([{ path: 'Idempotency-Key', issue: expect.any(String) }]);
    expect(await stack.dataSource.getRepository(InvoiceEntity).countBy({ invoiceNumber: 'IK-0002' })).toBe(0);
    const changedAmount = await post(invoice({ totalCents: 120_001 }), 'key-1').expect(409);
    expect(changedAmount.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('keeps working without a key, and a new key on a stored invoice with the same content answers it with 200', async () => {
    await post(invoice({ invoiceNumber: 'IK-0003' })).expect(201);
    await post(invoice({ invoiceNumber: 'IK-0003' })).expect(200);
    const withKey = await post(invoice({ invoiceNumber: 'IK-0003' }), 'key-3').expect(200);
    expect((await post(invoice({ invoiceNumber: 'IK-0003' }), 'key-3').expect(200)).body.id).toBe(withKey.body.id);
  });

  it('refuses a malformed key with 422 naming the header, and stores nothing', async () => {
    const response = await post(invoice({ invoiceNumber: 'IK-0004' }), 'has space').expect(422);
    expect(response.body.error.details).toEqual([{ path: 'Idempotency-Key', issue: expect.any(String) }]);
    await post(invoice({ invoiceNumber: 'IK-0004' }), 'x'.repeat(256)).expect(422);
    expect(await stack.dataSource.getRepository(InvoiceEntity).countBy({ invoiceNumber: 'IK-0004' })).toBe(0);
  });

  it('does not keep a key whose request failed validation', async () => {
    await post(invoice({ invoiceNumber: 'IK-0005', netCents: 999_999 }), 'key-5').expect(422);
    await post(invoice({ invoiceNumber: 'IK-0005' }), 'key-5').expect(201);
  });
});
