import request from 'supertest';
import { addDays, isBusinessDay, parisDateOf, parisInstant } from '../../src/domain/calendar';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { SentEmailEntity } from '../../src/db/entities/sent-email.entity';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/test-stack';


// The first slice end to end over HTTP: real PostgreSQL, a Temporal dev server, a worker and the
// local SMTP server.
describe('invoices API on the real stack', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());

  const invoice = (overrides: Record<string, unknown> = {}) => ({
    invoiceNumber: 'F-2026-0001',
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: addDays(today, -31),
    dueDate: addDays(today, -1),
    debtor: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.example', language: 'fr' },
    ...overrides,
  });
  const invoiceCount = () => stack.dataSource.getRepository(InvoiceEntity).count();

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reports PostgreSQL and Temporal up in /health', async () => {
    const response = await request(stack.http).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('stores an invoice already due, starts its dunning, and the first reminder reaches the SMTP server', async () => {
    const created = await request(stack.http).post('/v1/invoices').send(invoice()).expect(201);
    expect(created.body).toMatchObject({
      invoiceNumber: 'F-2026-0001',
      totalCents: 120_000,
      workflowId: 'invoice:default:F-2026-0001',
      debtor: { email: 'compta@boulangerie-martin.example' },
    });

    // Reminders go out on business days from the send hour (Europe/Paris), so on a night, a weekend
    // or a holiday this run can only check that the first reminder waits for the next send slot.
    const next = created.body.dunning.nextAction as { step: string; at: string } | null;
    if (next && Date.parse(next.at) > Date.now() + 2_000) {
      expect(next.step).toBe('first_reminder');
      expect(isBusinessDay(parisDateOf(Date.parse(next.at)))).toBe(true);
      expect(next.at).toBe(parisInstant(parisDateOf(Date.parse(next.at)), stack.config.dunning.sendHour).toISOString());
      expect(await stack.dataSource.getRepository(SentEmailEntity).countBy({ invoiceId: created.body.id })).toBe(0);
      return;
    }

    const mail = await stack.mail.waitFor((m) => m.subject.includes('F-2026-0001'), 30_000);
    expect(mail.to).toEqual(['compta@boulangerie-martin.example']);
    expect(mail.text).toContain('F-2026-0001');
    expect(mail.text).toMatch(/1\s200,00\s€/u);

    // The dunning runs on (for months): read its state once the step is recorded.
    const shown = await eventually(async () => {
      const response = await request(stack.http).get(`/v1/invoices/${created.body.id}`).expect(200);
      expect(response.body.stage).toBe('phone_call');
      return response;
    });
    expect(shown.body.dunning).toMatchObject({ stage: 'phone_call', amountDueCents: 120_000, nextAction: { step: 'written_reminder' } });
    const stepsDone = shown.body.dunning.history.filter((h: { kind: string }) => h.kind === 'step_done');
    expect(stepsDone.map((h: { step: string }) => h.step)).toEqual(['first_reminder', 'phone_call']);

    const sent = await stack.dataSource.getRepository(SentEmailEntity).findBy({ invoiceId: created.body.id });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'sent', step: 'first_reminder', messageId: mail.messageId });
  });

  it('answers the same invoice number again with the existing invoice and no second dunning', async () => {
    const before = (await stack.mail.messages()).length;
    const again = await request(stack.http).post('/v1/invoices').send(invoice()).expect(200);
    const first = await stack.dataSource.getRepository(InvoiceEntity).findOneByOrFail({ invoiceNumber: 'F-2026-0001' });
    expect(again.body.id).toBe(first.id);
    const runs = stack.temporal.client.workflow.list({ query: `WorkflowId = 'invoice:default:F-2026-0001'` });
    let count = 0;
    for await (const _ of runs) count++;
    expect(count).toBe(1);
    expect((await stack.mail.messages()).length).toBe(before);
  });

  it('refuses the same invoice number with a different amount (409) and changes nothing', async () => {
    const response = await request(stack.http).post('/v1/invoices').send(invoice({ totalCents: 99_000, netCents: 90_000 })).expect(409);
    expect(response.body.error.code).toBe('INVOICE.NUMBER_CONFLICT');
    const stored = await stack.dataSource.getRepository(InvoiceEntity).findOneByOrFail({ invoiceNumber: 'F-2026-0001' });
    expect(stored.totalCents).toBe(120_000);
  });

  it('does not send anything before the due date', async () => {
    const created = await request(stack.http)
      .post('/v1/invoices')
      .send(invoice({ invoiceNumber: 'F-2026-0002', issueDate: today, dueDate: addDays(today, 30) }))
      .expect(201);
    expect(created.body.dunning).toMatchObject({ stage: 'awaiting_due_date', nextAction: { step: 'courtesy_reminder' } });
    const sent = await stack.dataSource.getRepository(SentEmailEntity).countBy({ invoiceId: created.body.id });
    expect(sent).toBe(0);
  });

  describe('refuses malformed invoices with a 4xx naming the field, and stores nothing', () => {
    const cases: [string, unknown, number, string][] = [
      ['missing invoice number', { ...invoice({ invoiceNumber: undefined }) }, 422, 'invoiceNumber'],
      ['negative amount', invoice({ invoiceNumber: 'BAD-1', totalCents: -5 }), 422, 'totalCents'],
      ['amount in euros with decimals', invoice({ invoiceNumber: 'BAD-2', totalCents: 12.5 }), 422, 'totalCents'],
      ['amount as a string', invoice({ invoiceNumber: 'BAD-3', totalCents: '1200' }), 422, 'totalCents'],
      ['impossible date', invoice({ invoiceNumber: 'BAD-4', dueDate: '2026-02-30' }), 422, 'dueDate'],
      ['due before issue', invoice({ invoiceNumber: 'BAD-5', issueDate: today, dueDate: addDays(today, -1) }), 422, 'dueDate'],
      ['net above total', invoice({ invoiceNumber: 'BAD-6', netCents: 130_000 }), 422, 'netCents'],
      ['bad debtor e-mail', invoice({ invoiceNumber: 'BAD-7', debtor: { name: 'X', email: 'not-an-email' } }), 422, 'debtor.email'],
      ['missing debtor', invoice({ invoiceNumber: 'BAD-8', debtor: undefined }), 422, 'debtor'],
      ['unknown field', invoice({ invoiceNumber: 'BAD-9', amount: 5 }), 422, 'amount'],
      ['unsupported currency', invoice({ invoiceNumber: 'BAD-10', currency: 'USD' }), 422, 'currency'],
      ['huge string', invoice({ invoiceNumber: 'BAD-11', debtor: { name: 'x'.repeat(50_000), email: 'a@b.example' } }), 422, 'debtor.name'],
    ];

    it.each(cases)('%s', async (_label, body, status, field) => {
      const before = await invoiceCount();
      const response = await request(stack.http).post('/v1/invoices').send(body as object).expect(status);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await invoiceCount()).toBe(before);
    });

    it('malformed JSON', async () => {
      const before = await invoiceCount();
      const response = await request(stack.http).post('/v1/invoices').set('Content-Type', 'application/json').send('{"invoiceNumber": ').expect(400);
      expect(response.body.error.code).toBe('REQUEST.MALFORMED_JSON');
      expect(await invoiceCount()).toBe(before);
    });

    it('an id that is not a UUID, and an unknown id', async () => {
      const bad = await request(stack.http).get('/v1/invoices/not-a-uuid').expect(422);
      expect(bad.body.error.details).toEqual([{ path: 'id', issue: 'id must be a UUID' }]);
      const unknown = await request(stack.http).get('/v1/invoices/00000000-0000-4000-8000-000000000000').expect(404);
      expect(unknown.body.error.code).toBe('INVOICE.NOT_FOUND');
    });
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const json = await request(stack.http).get('/docs-json').expect(200);
    expect(json.body.paths['/v1/invoices']).toBeDefined();
    expect(json.body.paths['/health']).toBeDefined();
    const ui = await request(stack.http).get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });
});
