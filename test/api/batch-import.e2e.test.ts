import request from 'supertest';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// POST /v1/invoices/batch on the real stack. No worker: 10,000 dunnings are started on the Temporal
// server (and counted there) without being run, which would only measure the in-process worker.
describe('POST /v1/invoices/batch', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  const line = (n: number, overrides: Record<string, unknown> = {}) => ({
    invoiceNumber: `BATCH-${String(n).padStart(5, '0')}`,
    totalCents: 10_000 + n,
    netCents: 8_000 + n,
    currency: 'EUR',
    issueDate: today,
    dueDate: addDays(today, 60),
    debtor: { name: `Client ${n % 500}`, email: `client-${n % 500}@example.test`, customerId: `CUST-${n % 500}` },
    ...overrides,
  });
  const batch = (invoices: unknown[]) => request(stack.http).post('/v1/invoices/batch').send({ invoices });
  const rowCount = () => stack.dataSource.getRepository(InvoiceEntity).count();
  const workflowCount = async () => (await stack.temporal.client.workflow.count(`TaskQueue = '${stack.config.temporal.taskQueue}'`)).count;
  /** Visibility is eventually consistent: waits until the count settles on `expected` (or the deadline). */
  async function settledWorkflowCount(expected: number, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let count = await workflowCount();
    while (count !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      count = await workflowCount();
    }
    return count;
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  // RELANCE_BATCH_TEST_SIZE: a smaller first batch, to iterate on this file quickly.
  const SIZE = Number(process.env.RELANCE_BATCH_TEST_SIZE ?? 10_000);
  const TEN_THOUSAND = Array.from({ length: SIZE }, (_, n) => line(n));

  it('imports 10,000 invoices due in 60 days and starts every dunning', async () => {
    const size = Buffer.byteLength(JSON.stringify({ invoices: TEN_THOUSAND }));
    const started = Date.now();
    const response = await batch(TEN_THOUSAND).expect(200);
    const elapsed = Date.now() - started;
    console.log(`batch import: ${SIZE} invoices (${(size / 1e6).toFixed(1)} MB) stored and dunnings started in ${elapsed} ms`);

    expect(response.body.counts).toEqual({ created: SIZE, exists: 0, refused: 0, dunningPending: 0 });
    expect(response.body.lines).toHaveLength(SIZE);
    response.body.lines.forEach((result: { index: number; status: string; dunning: string; invoiceId: string }, index: number) => {
      expect(result).toEqual({ index, status: 'created', dunning: 'started', invoiceId: expect.any(String) });
    });
    expect(new Set(response.body.lines.map((result: { invoiceId: string }) => result.invoiceId)).size).toBe(SIZE);
    expect(await rowCount()).toBe(SIZE);
    const [{ n }] = await stack.dataSource.query('SELECT count(*)::int AS n FROM invoices WHERE dunning_started_at IS NOT NULL');
    expect(n).toBe(SIZE);
    const countStarted = Date.now();
    expect(await settledWorkflowCount(SIZE)).toBe(SIZE);
    console.log(`batch import: Temporal visibility counted ${SIZE} workflows ${Date.now() - countStarted} ms after the answer`);
  }, 600_000); // about 100 s alone on 2 cores, nearly twice that beside the rest of the suite

  it('answers the same batch again with every line exists, and starts nothing', async () => {
    const lastStart = () => stack.dataSource.query('SELECT max(dunning_started_at) AS at, count(*)::int AS n FROM invoices WHERE dunning_started_at IS NOT NULL');
    const before = await lastStart();
    const started = Date.now();
    const response = await batch(TEN_THOUSAND).expect(200);
    console.log(`batch import: the same ${SIZE} again answered in ${Date.now() - started} ms`);
    expect(response.body.counts).toEqual({ created: 0, exists: SIZE, refused: 0, dunningPending: 0 });
    expect(response.body.lines.every((result: { status: string; dunning: string }) => result.status === 'exists' && result.dunning === 'started')).toBe(true);
    expect(await rowCount()).toBe(SIZE);
    // No dunning start was even attempted: the start times recorded by the first import are unchanged.
    expect(await lastStart()).toEqual(before);
    expect(await workflowCount()).toBe(SIZE);
  });

  it('starts the dunnings a failed import left pending when the batch comes again', async () => {
    // As an import cut off by a Temporal outage leaves them: rows stored, dunnings not started.
    const repo = stack.dataSource.getRepository(InvoiceEntity);
    const pending = [20_000, 20_001, 20_002].map((n) => line(n));
    for (const item of pending) {
      await repo.insert({
        creditorId: 'default', invoiceNumber: item.invoiceNumber, customerId: item.debtor.customerId, totalCents: item.totalCents, netCents: item.netCents,
        currency: 'EUR', issueDate: item.issueDate, dueDate: item.dueDate, debtorName: item.debtor.name, debtorEmail: item.debtor.email,
        debtorLanguage: 'fr', workflowId: `invoice:default:${item.invoiceNumber}`, stage: 'awaiting_due_date',
      });
    }
    const response = await batch([...pending, line(0)]).expect(200);
    expect(response.body.counts).toEqual({ created: 0, exists: 4, refused: 0, dunningPending: 0 });
    expect(response.body.lines.map((result: { dunning: string }) => result.dunning)).toEqual(['started', 'started', 'started', 'started']);
    expect(await settledWorkflowCount(SIZE + 3)).toBe(SIZE + 3);
  });

  it('refuses bad lines one by one, naming the fields, and imports the good ones', async () => {
    const response = await batch([
      line(30_000),
      line(30_001, { totalCents: 'lots' }),
      line(30_002, { debtor: { name: 'X', email: 'not-an-email' } }),
      line(30_003, { netCents: 999_999 }),
      line(30_004, { colour: 'blue' }),
      'not an object',
      line(5, { totalCents: 9_999_999 }),
      line(30_005, { dueDate: '2026-02-30' }),
      line(30_006),
      line(30_006),
      line(30_006, { totalCents: 1_234_567 }),
    ]).expect(200);
    const lines = response.body.lines as { index: number; status: string; errors?: { path: string; issue: string }[]; dunning?: string }[];
    const paths = (index: number) => lines[index].errors?.map((error) => error.path);
    expect(lines.map((result) => result.status)).toEqual(['created', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'created', 'exists', 'refused']);
    expect(paths(1)).toContain('totalCents');
    expect(paths(2)).toEqual(['debtor.email']);
    expect(paths(3)).toEqual(['netCents']);
    expect(paths(4)).toEqual(['colour']);
    expect(lines[5].errors).toEqual([{ path: '', issue: 'each invoice must be a JSON object' }]);
    expect(paths(6)).toEqual(['totalCents']);
    expect(lines[6].errors?.[0].issue).toContain('already exists');
    expect(paths(7)).toEqual(['dueDate']);
    expect(paths(10)).toEqual(['totalCents']);
    expect(lines[0].dunning).toBe('started');
    expect(response.body.counts).toEqual({ created: 2, exists: 1, refused: 8, dunningPending: 0 });
    expect(await repo().countBy({ invoiceNumber: 'BATCH-30000' })).toBe(1);
    expect(await repo().countBy({ invoiceNumber: 'BATCH-30001' })).toBe(0);
    expect((await repo().findOneByOrFail({ invoiceNumber: 'BATCH-00005' })).totalCents).toBe(10_005);
  });
  const repo = () => stack.dataSource.getRepository(InvoiceEntity);

  it('refuses more than 10,000 lines (422), an empty batch (422), a body over 8 MB (413), and takes none of them', async () => {
    const before = await rowCount();
    const tooMany = await batch(Array.from({ length: 10_001 }, (_, n) => line(40_000 + n))).expect(422);
    expect(tooMany.body.error.details).toEqual([{ path: 'invoices', issue: expect.stringContaining('at most 10000') }]);
    const empty = await batch([]).expect(422);
    expect(empty.body.error.details[0].path).toBe('invoices');
    await request(stack.http).post('/v1/invoices/batch').send({}).expect(422);
    const huge = Array.from({ length: 8_000 }, (_, n) => line(50_000 + n, { note: 'x'.repeat(1_000) }));
    expect(Buffer.byteLength(JSON.stringify({ invoices: huge }))).toBeGreaterThan(8 * 1024 * 1024);
    const tooLarge = await batch(huge).expect(413);
    expect(tooLarge.body.error.code).toBe('REQUEST.TOO_LARGE');
    expect(await rowCount()).toBe(before);
  });

  it('keeps the 100 kB limit on other routes', async () => {
    const response = await request(stack.http).post('/v1/invoices').send(line(60_000, { debtor: { name: 'N'.repeat(200_000), email: 'a@example.test' } })).expect(413);
    expect(response.body.error.code).toBe('REQUEST.TOO_LARGE');
  });

  it('stores the lines and answers dunning pending when Temporal is down', async () => {
    await stack.stopTemporal();
    const response = await batch([line(70_000), line(70_001)]).expect(200);
    expect(response.body.counts).toEqual({ created: 2, exists: 0, refused: 0, dunningPending: 2 });
    expect(response.body.lines.map((result: { status: string; dunning: string }) => [result.status, result.dunning])).toEqual([
      ['created', 'pending'],
      ['created', 'pending'],
    ]);
    expect(await repo().countBy({ invoiceNumber: 'BATCH-70000' })).toBe(1);
    const [{ n }] = await stack.dataSource.query("SELECT count(*)::int AS n FROM invoices WHERE invoice_number LIKE 'BATCH-7%' AND dunning_started_at IS NULL");
    expect(n).toBe(2);
  });
});
