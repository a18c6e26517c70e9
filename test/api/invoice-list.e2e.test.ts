import request from 'supertest';
import { addDays, daysBetween, parisDateOf } from '../../src/domain/calendar';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

interface Fixture {
  invoiceNumber: string;
  creditorId: string;
  customerId: string;
  stage: string;
  dueDate: string;
  totalCents: number;
  balanceCents: number | null;
}

// GET /v1/invoices on the real stack: filters, keyset pages, integrator scoping, bad queries.
// Rows are written straight to PostgreSQL (stage and balance as the worker would record them);
// no worker runs, so nothing changes them under the test.
describe('GET /v1/invoices', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  const fixtures: Fixture[] = [
    { invoiceNumber: 'L-A', creditorId: 'default', customerId: 'C1', stage: 'formal_notice_sent', dueDate: addDays(today, -100), totalCents: 50_000, balanceCents: null },
    { invoiceNumber: 'L-B', creditorId: 'default', customerId: 'C2', stage: 'second_reminder_sent', dueDate: addDays(today, -40), totalCents: 200_000, balanceCents: 20_000 },
    { invoiceNumber: 'L-C', creditorId: 'default', customerId: 'C1', stage: 'overdue', dueDate: addDays(today, -10), totalCents: 10_000, balanceCents: null },
    { invoiceNumber: 'L-D', creditorId: 'default', customerId: 'C3', stage: 'awaiting_due_date', dueDate: today, totalCents: 99_999, balanceCents: null },
    { invoiceNumber: 'L-E', creditorId: 'default', customerId: 'C2', stage: 'awaiting_due_date', dueDate: addDays(today, 30), totalCents: 1_000_000, balanceCents: null },
    { invoiceNumber: 'L-F', creditorId: 'other-co', customerId: 'C1', stage: 'overdue', dueDate: addDays(today, -40), totalCents: 200_000, balanceCents: null },
    // Many on few due dates: pages must break ties by id.
    ...Array.from({ length: 57 }, (_, i) => ({
      invoiceNumber: `L-BULK-${String(i).padStart(3, '0')}`,
      creditorId: i % 5 === 0 ? 'other-co' : 'default',
      customerId: 'BULK',
      stage: 'on_hold',
      dueDate: addDays(today, 200 + (i % 3)),
      totalCents: 1_000 + i,
      balanceCents: null,
    })),
  ];
  const idOf = new Map<string, string>();

  /** Every page of a query, followed by nextCursor. */
  async function listAll(query: Record<string, string | number>, headers: Record<string, string> = {}) {
    const seen: { invoiceNumber: string; id: string; dueDate: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: request.Response = await request(stack.http)
        .get('/v1/invoices')
        .set(headers)
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
      if (pages > 100) throw new Error('too many pages');
    } while (cursor);
    return { items: seen, pages };
  }

  const byDueThenId = (a: { dueDate: string; id: string }, b: { dueDate: string; id: string }) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

  /** The numbers the fixtures matching `keep` list, in the API's order. */
  const expected = (keep: (f: Fixture) => boolean) =>
    fixtures
      .filter(keep)
      .map((f) => ({ ...f, id: idOf.get(f.invoiceNumber) as string }))
      .sort(byDueThenId)
      .map((f) => f.invoiceNumber);

  async function expectFilter(query: Record<string, string | number>, keep: (f: Fixture) => boolean) {
    const { items } = await listAll({ limit: 200, ...query });
    expect(items.map((item) => item.invoiceNumber)).toEqual(expected(keep));
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const repo = stack.dataSource.getRepository(InvoiceEntity);
    for (const f of fixtures) {
      const row = await repo.save(
        repo.create({
          ...f,
          netCents: Math.floor(f.totalCents / 1.2),
          currency: 'EUR',
          issueDate: addDays(f.dueDate, -30),
          debtorName: `Debtor ${f.customerId}`,
          debtorEmail: `${f.customerId.toLowerCase()}@example.test`,
          debtorLanguage: 'fr',
          workflowId: `invoice:${f.creditorId}:${f.invoiceNumber}`,
          nextActionAt: null,
        }),
      );
      idOf.set(f.invoiceNumber, row.id);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists every invoice by due date then id, with the read model fields', async () => {
    const { items } = await listAll({ limit: 200 });
    expect(items.map((item) => item.invoiceNumber)).toEqual(expected(() => true));
    const b = (await request(stack.http).get('/v1/invoices').query({ customerId: 'C2', limit: 1 }).expect(200)).body;
    expect(b.items[0]).toMatchObject({ invoiceNumber: 'L-B', creditorId: 'default', totalCents: 200_000, amountDueCents: 20_000, overdueDays: 40, stage: 'second_reminder_sent' });
    expect(b.nextCursor).toEqual(expect.any(String));
  });

  it('pages across without duplicates or gaps, whatever the page size', async () => {
    const all = expected(() => true);
    for (const limit of [1, 7, 10, 63]) {
      const { items, pages } = await listAll({ limit });
      const numbers = items.map((item) => item.invoiceNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers).toEqual(all);
      // One row looked ahead: no empty last page, even when the count is a multiple of the limit.
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
    // Pages of a filtered list too.
    const { items } = await listAll({ limit: 4, customerId: 'BULK' });
    expect(items.map((item) => item.invoiceNumber)).toEqual(expected((f) => f.customerId === 'BULK'));
  });

  it('filters by stage', async () => {
    await expectFilter({ stage: 'overdue' }, (f) => f.stage === 'overdue');
    await expectFilter({ stage: 'awaiting_due_date' }, (f) => f.stage === 'awaiting_due_date');
    await expectFilter({ stage: 'paid' }, () => false);
  });

  it('filters by customerId', async () => {
    await expectFilter({ customerId: 'C1' }, (f) => f.customerId === 'C1');
    await expectFilter({ customerId: 'nobody' }, () => false);
  });

  it('filters by days overdue (today in Europe/Paris minus the due date)', async () => {
    const overdue = (f: Fixture) => daysBetween(f.dueDate, today);
    await expectFilter({ overdueDaysMin: 40 }, (f) => overdue(f) >= 40);
    await expectFilter({ overdueDaysMax: 10 }, (f) => overdue(f) <= 10);
    await expectFilter({ overdueDaysMin: 1, overdueDaysMax: 40 }, (f) => overdue(f) >= 1 && overdue(f) <= 40);
    await expectFilter({ overdueDaysMin: 0, overdueDaysMax: 0 }, (f) => overdue(f) === 0);
    await expectFilter({ overdueDaysMax: -1 }, (f) => overdue(f) < 0);
    const { items } = await listAll({ limit: 200, overdueDaysMin: 100 });
    expect(items).toEqual([expect.objectContaining({ invoiceNumber: 'L-A', overdueDays: 100 })]);
  });

  it('filters by amount due: the balance once recorded, else the total', async () => {
    const due = (f: Fixture) => f.balanceCents ?? f.totalCents;
    await expectFilter({ amountMinCents: 50_000 }, (f) => due(f) >= 50_000);
    await expectFilter({ amountMaxCents: 20_000 }, (f) => due(f) <= 20_000);
    await expectFilter({ amountMinCents: 20_000, amountMaxCents: 99_999 }, (f) => due(f) >= 20_000 && due(f) <= 99_999);
    // L-B: total 2,000 € but 200 € still due.
    const { items } = await listAll({ limit: 200, amountMinCents: 150_000 });
    expect(items.map((item) => item.invoiceNumber)).not.toContain('L-B');
  });

  it('filters by due date range, bounds included', async () => {
    const from = addDays(today, -40);
    await expectFilter({ dueFrom: from }, (f) => f.dueDate >= from);
    await expectFilter({ dueTo: today }, (f) => f.dueDate <= today);
    await expectFilter({ dueFrom: from, dueTo: today }, (f) => f.dueDate >= from && f.dueDate <= today);
  });

  it('combines filters', async () => {
    await expectFilter({ customerId: 'C1', stage: 'overdue', overdueDaysMin: 5 }, (f) => f.customerId === 'C1' && f.stage === 'overdue' && daysBetween(f.dueDate, today) >= 5);
  });

  it('shows an integrator its creditor only, whatever it asks', async () => {
    const own = await stack.createKey('integrator');
    const other = await stack.createKey('integrator', { creditorId: 'other-co' });
    const ownItems = (await listAll({ limit: 9 }, { Authorization: `Bearer ${own}` })).items.map((item) => item.invoiceNumber);
    expect(ownItems).toEqual(expected((f) => f.creditorId === 'default'));
    const otherItems = (await listAll({ limit: 9, customerId: 'C1' }, { Authorization: `Bearer ${other}` })).items.map((item) => item.invoiceNumber);
    expect(otherItems).toEqual(['L-F']);
    const operator = await stack.createKey('operator');
    expect((await listAll({ limit: 200 }, { Authorization: `Bearer ${operator}` })).items).toHaveLength(fixtures.length);
  });

  it.each([
    [{ stage: 'nope' }, 'stage'],
    [{ customerId: '' }, 'customerId'],
    [{ overdueDaysMin: 'abc' }, 'overdueDaysMin'],
    [{ overdueDaysMax: '1.5' }, 'overdueDaysMax'],
    [{ amountMinCents: '-1' }, 'amountMinCents'],
    [{ amountMaxCents: '12e3' }, 'amountMaxCents'],
    [{ dueFrom: '2026-02-30' }, 'dueFrom'],
    [{ dueTo: '01/12/2026' }, 'dueTo'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ cursor: Buffer.from('["due","2026-02-30","00000000-0000-4000-8000-000000000000"]').toString('base64url') }, 'cursor'],
    [{ overdueDaysMin: '10', overdueDaysMax: '5' }, 'overdueDaysMax'],
    [{ amountMinCents: '10', amountMaxCents: '5' }, 'amountMaxCents'],
    [{ dueFrom: '2026-02-02', dueTo: '2026-02-01' }, 'dueTo'],
    [{ colour: 'blue' }, 'colour'],
  ])('refuses %j with 422 naming %s', async (query, path) => {
    const response = await request(stack.http).get('/v1/invoices').query(query).expect(422);
    expect(response.body.error.code).toBe('VALIDATION.FAILED');
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('reads PostgreSQL only: lists still answer with Temporal down', async () => {
    await stack.stopTemporal();
    const response = await request(stack.http).get('/v1/invoices').query({ customerId: 'C1' }).expect(200);
    expect(response.body.items.map((item: { invoiceNumber: string }) => item.invoiceNumber)).toEqual(expected((f) => f.customerId === 'C1'));
  });
});
