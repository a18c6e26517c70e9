import { createHash } from 'node:crypto';
import request from 'supertest';
import { DunningDocumentEntity } from '../../src/db/entities/dunning-document.entity';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Events on an invoice, end to end over HTTP: the API, a Temporal dev server, the worker running the
 * dunning workflow, PostgreSQL. Every invoice here is due in 30 days, so no step of the plan runs
 * while the tests do, at any hour: what changes the dunning is only the events sent, which apply at
 * once (a Temporal update answers after the workflow has applied it and written its timeline).
 */
describe('events on an invoice, on the real stack', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  let invoices = 0;

  /** A fresh invoice of 1,200.00 EUR due in 30 days, with its dunning started. */
  async function newInvoice(): Promise<{ id: string; workflowId: string }> {
    invoices++;
    const { body } = await request(stack.http)
      .post('/v1/invoices')
      .send({
        invoiceNumber: `EV-${invoices}`,
        totalCents: 120_000,
        netCents: 100_000,
        currency: 'EUR',
        issueDate: today,
        dueDate: addDays(today, 30),
        debtor: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.example', language: 'fr' },
      })
      .expect(201);
    return { id: body.id, workflowId: body.workflowId };
  }

  const post = (invoiceId: string, event: string, body: object) => request(stack.http).post(`/v1/invoices/${invoiceId}/${event}`).send(body);
  const timeline = async (invoiceId: string) => (await request(stack.http).get(`/v1/invoices/${invoiceId}/timeline`).expect(200)).body;
  const dunning = async (invoiceId: string) => (await request(stack.http).get(`/v1/invoices/${invoiceId}`).expect(200)).body.dunning;
  const payment = (overrides: Record<string, unknown> = {}) => ({ reference: 'VIR-0001', amountCents: 60_000, currency: 'EUR', valueDate: today, ...overrides });
  const decision = { by: 'sophie.martin@acme.example', reason: 'Key account: the sales director calls them first' };

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a partial then a full payment end the dunning: paid, on the invoice and on its timeline', async () => {
    const invoice = await newInvoice();

    const partial = await post(invoice.id, 'payments', payment({ by: 'bank-import' })).expect(200);
    expect(partial.body).toMatchObject({ invoiceId: invoice.id, result: 'applied', stage: 'awaiting_due_date', amountDueCents: 60_000, paused: false });
    expect(partial.body.nextAction).toMatchObject({ step: 'courtesy_reminder' });

    const full = await post(invoice.id, 'payments', payment({ reference: 'VIR-0002' })).expect(200);
    expect(full.body).toEqual({ invoiceId: invoice.id, result: 'applied', stage: 'paid', amountDueCents: 0, paused: false, nextAction: null });

    const live = await dunning(invoice.id);
    expect(live).toMatchObject({ stage: 'paid', amountDueCents: 0 });

    // The update answers once the workflow has written the timeline: no waiting needed.
    const shown = await timeline(invoice.id);
    expect(shown).toMatchObject({ invoiceId: invoice.id, invoiceNumber: expect.stringMatching(/^EV-/), stage: 'paid', amountDueCents: 0, currency: 'EUR', nextActionAt: null });
    expect(shown.items.map((item: { kind: string }) => item.kind)).toEqual(['started', 'payment', 'payment']);
    const [, first, second] = shown.items;
    expect(first).toMatchObject({ type: 'event', by: 'bank-import', seq: 2, summary: expect.stringContaining('VIR-0001') });
    expect(first.summary).toContain('still due');
    expect(second).toMatchObject({ type: 'event', by: null, seq: 3, summary: expect.stringContaining('paid in full') });
    expect(Date.parse(first.at)).toBeLessThanOrEqual(Date.parse(second.at));
  });

  it('counts the same payment reference once: the repeat answers duplicate; another amount under it is refused', async () => {
    const invoice = await newInvoice();
    await post(invoice.id, 'payments', payment()).expect(200);

    const again = await post(invoice.id, 'payments', payment()).expect(200);
    expect(again.body).toMatchObject({ result: 'duplicate', stage: 'awaiting_due_date', amountDueCents: 60_000 });

    const conflicting = await post(invoice.id, 'payments', payment({ amountCents: 50_000 })).expect(409);
    expect(conflicting.body.error).toMatchObject({ code: 'PAYMENT.REFERENCE_CONFLICT', details: [{ path: 'reference' }] });

    expect((await dunning(invoice.id)).payments).toHaveLength(1);
    const payments = (await timeline(invoice.id)).items.filter((item: { kind: string }) => item.kind === 'payment');
    expect(payments).toHaveLength(1);
  });

  it('applies a command sent twice with the same Idempotency-Key once', async () => {
    const invoice = await newInvoice();
    const key = 'c4a7d9e2-hold-once';
    const first = await post(invoice.id, 'hold', decision).set('Idempotency-Key', key).expect(200);
    expect(first.body).toMatchObject({ result: 'applied', stage: 'on_hold', paused: true });
    const retried = await post(invoice.id, 'hold', decision).set('Idempotency-Key', key).expect(200);
    expect(retried.body).toMatchObject({ result: 'duplicate', stage: 'on_hold', paused: true });

    const holds = (await timeline(invoice.id)).items.filter((item: { kind: string }) => item.kind === 'put_on_hold');
    expect(holds).toHaveLength(1);

    const bad = await post(invoice.id, 'hold', decision).set('Idempotency-Key', 'x'.repeat(256)).expect(422);
    expect(bad.body.error.details).toEqual([{ path: 'Idempotency-Key', issue: expect.stringContaining('1 to 255') }]);
  });

  describe('refuses an invalid event with 422 naming the field, and changes nothing', () => {
    let invoice: { id: string };
    beforeAll(async () => {
      invoice = await newInvoice();
    });

    const cases: [string, string, object, string, string][] = [
      ['a negative amount', 'payments', { reference: 'NEG-1', amountCents: -500, currency: 'EUR', valueDate: today }, 'VALIDATION.FAILED', 'amountCents'],
      ['an amount in euros with decimals', 'payments', { reference: 'DEC-1', amountCents: 12.5, currency: 'EUR', valueDate: today }, 'VALIDATION.FAILED', 'amountCents'],
      ['another currency than the invoice', 'payments', { reference: 'USD-1', amountCents: 500, currency: 'USD', valueDate: today }, 'PAYMENT.CURRENCY_MISMATCH', 'currency'],
      ['a value date in the future', 'payments', { reference: 'FUT-1', amountCents: 500, currency: 'EUR', valueDate: '2099-01-05' }, 'PAYMENT.INVALID_DATE', 'valueDate'],
      ['an impossible value date', 'payments', { reference: 'IMP-1', amountCents: 500, currency: 'EUR', valueDate: '2026-02-30' }, 'VALIDATION.FAILED', 'valueDate'],
      ['an unknown field', 'payments', { reference: 'UNK-1', amountCents: 500, currency: 'EUR', valueDate: today, amount: 5 }, 'VALIDATION.FAILED', 'amount'],
      ['a hold without who', 'hold', { reason: 'because' }, 'VALIDATION.FAILED', 'by'],
      ['a blank reason', 'disputes', { reason: '   ', by: 'sophie' }, 'VALIDATION.FAILED', 'reason'],
      ['a promise in the past', 'promises', { promisedDate: '2020-01-01', by: 'sophie' }, 'PROMISE.INVALID_DATE', 'promisedDate'],
      ['a promise obtained on the phone without its date', 'phone-calls', { outcome: 'promise_to_pay', by: 'sophie' }, 'VALIDATION.FAILED', 'promisedDate'],
      ['an unknown phone-call outcome', 'phone-calls', { outcome: 'voicemail', by: 'sophie' }, 'VALIDATION.FAILED', 'outcome'],
      ['an upheld dispute without credit note', 'disputes/resolve', { outcome: 'upheld', by: 'sophie' }, 'VALIDATION.FAILED', 'creditNoteReference'],
      ['a letter returned that was never posted', 'registered-letters/returned', { trackingNumber: '1A0', returnedOn: today, reason: 'NPAI', by: 'sophie' }, 'LETTER.UNKNOWN_TRACKING_NUMBER', 'trackingNumber'],
    ];

    it.each(cases)('%s', async (_label, event, body, code, field) => {
      const before = await timeline(invoice.id);
      const response = await post(invoice.id, event, body).expect(422);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      const live = await dunning(invoice.id);
      expect(live).toMatchObject({ stage: 'awaiting_due_date', amountDueCents: 120_000, payments: [], paused: false });
      expect((await timeline(invoice.id)).items).toEqual(before.items);
    });
  });

  it('opens a dispute, refuses a promise meanwhile, and resumes when the dispute is rejected', async () => {
    const invoice = await newInvoice();
    const opened = await post(invoice.id, 'disputes', { reason: 'Goods delivered damaged (BL-8812)', by: 'sophie' }).expect(200);
    expect(opened.body).toMatchObject({ result: 'applied', stage: 'disputed', paused: true, nextAction: null });
    expect((await post(invoice.id, 'disputes', { reason: 'Again', by: 'sophie' }).expect(200)).body.result).toBe('unchanged');

    const promise = await post(invoice.id, 'promises', { promisedDate: addDays(today, 5), by: 'sophie' }).expect(409);
    expect(promise.body.error.code).toBe('PROMISE.DURING_DISPUTE');

    const resolved = await post(invoice.id, 'disputes/resolve', { outcome: 'rejected', by: 'sophie', note: 'Photos show intact goods' }).expect(200);
    expect(resolved.body).toMatchObject({ result: 'applied', stage: 'awaiting_due_date', paused: false, nextAction: { step: 'courtesy_reminder' } });
    const notOpen = await post(invoice.id, 'disputes/resolve', { outcome: 'rejected', by: 'sophie' }).expect(409);
    expect(notOpen.body.error.code).toBe('DISPUTE.NOT_OPEN');

    const kinds = (await timeline(invoice.id)).items.map((item: { kind: string }) => item.kind);
    expect(kinds).toEqual(['started', 'dispute_opened', 'dispute_rejected', 'resumed']);
  });

  it('ends the dunning when a dispute is upheld with a credit note', async () => {
    const invoice = await newInvoice();
    await post(invoice.id, 'disputes', { reason: 'Invoiced twice', by: 'sophie' }).expect(200);
    const upheld = await post(invoice.id, 'disputes/resolve', { outcome: 'upheld', by: 'sophie', creditNoteReference: 'AV-2026-0007' }).expect(200);
    expect(upheld.body).toMatchObject({ stage: 'cancelled', nextAction: null });
  });

  it('puts on hold and releases, answering unchanged to a repeat', async () => {
    const invoice = await newInvoice();
    expect((await post(invoice.id, 'hold', decision).expect(200)).body).toMatchObject({ result: 'applied', stage: 'on_hold', paused: true, nextAction: null });
    expect((await post(invoice.id, 'hold', decision).expect(200)).body).toMatchObject({ result: 'unchanged', stage: 'on_hold' });
    const released = await post(invoice.id, 'release', { by: 'sophie', reason: 'Talks failed' }).expect(200);
    expect(released.body).toMatchObject({ result: 'applied', stage: 'awaiting_due_date', paused: false, nextAction: { step: 'courtesy_reminder' } });
    expect((await post(invoice.id, 'release', { by: 'sophie', reason: 'Again' }).expect(200)).body.result).toBe('unchanged');
    const items = (await timeline(invoice.id)).items;
    expect(items.find((item: { kind: string }) => item.kind === 'put_on_hold')).toMatchObject({ by: decision.by, summary: `Put on hold: ${decision.reason}` });
  });

  it('records a promise to pay: the dunning waits for the promised date', async () => {
    const invoice = await newInvoice();
    const promised = await post(invoice.id, 'promises', { promisedDate: addDays(today, 5), by: 'sophie', note: 'Payment run on Friday' }).expect(200);
    expect(promised.body).toMatchObject({ result: 'applied', stage: 'promised', paused: true, nextAction: null });
    const live = await dunning(invoice.id);
    expect(live.stage).toBe('promised');
    const items = (await timeline(invoice.id)).items;
    expect(items.at(-1)).toMatchObject({ kind: 'promise_made', by: 'sophie', summary: expect.stringContaining(addDays(today, 5)) });
  });

  it('refuses any event once the dunning is over with 409 DUNNING.FINISHED; the same payment again is still a duplicate', async () => {
    const invoice = await newInvoice();
    await post(invoice.id, 'payments', payment({ amountCents: 120_000, reference: 'FULL-1' })).expect(200);

    const refusals = await Promise.all([
      post(invoice.id, 'hold', decision),
      post(invoice.id, 'disputes', { reason: 'Late', by: 'sophie' }),
      post(invoice.id, 'payments', payment({ reference: 'FULL-2', amountCents: 100 })),
      post(invoice.id, 'write-off', decision),
    ]);
    for (const response of refusals) {
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'DUNNING.FINISHED', message: expect.stringContaining('paid') });
    }
    expect((await post(invoice.id, 'payments', payment({ amountCents: 120_000, reference: 'FULL-1' })).expect(200)).body.result).toBe('duplicate');
  });

  it('cancels one dunning and writes another off', async () => {
    const cancelled = await newInvoice();
    const cancel = await post(cancelled.id, 'cancel', { by: 'sophie', reason: 'Issued by mistake', creditNoteReference: 'AV-2026-0009' }).expect(200);
    expect(cancel.body).toMatchObject({ result: 'applied', stage: 'cancelled', nextAction: null });

    const writtenOff = await newInvoice();
    const writeOff = await post(writtenOff.id, 'write-off', { by: 'sophie', reason: 'Debtor in liquidation' }).expect(200);
    expect(writeOff.body).toMatchObject({ stage: 'written_off', amountDueCents: 120_000 });
  });

  it('answers 404 for an unknown invoice and 422 for an id that is not a UUID', async () => {
    const unknown = await post('00000000-0000-4000-8000-000000000000', 'payments', payment()).expect(404);
    expect(unknown.body.error.code).toBe('INVOICE.NOT_FOUND');
    await request(stack.http).get('/v1/invoices/00000000-0000-4000-8000-000000000000/timeline').expect(404);
    await request(stack.http).get('/v1/invoices/00000000-0000-4000-8000-000000000000/documents').expect(404);
    const bad = await post('not-a-uuid', 'hold', decision).expect(422);
    expect(bad.body.error.details).toEqual([{ path: 'id', issue: 'id must be a UUID' }]);
  });

  it("confines an integrator key to its creditor's invoices", async () => {
    const invoice = await newInvoice();
    const own = await stack.createKey('integrator');
    const other = await stack.createKey('integrator', { creditorId: 'other-co' });
    await post(invoice.id, 'payments', payment({ reference: 'INT-1', amountCents: 100 })).set('Authorization', `Bearer ${own}`).expect(200);
    const hidden = await post(invoice.id, 'payments', payment({ reference: 'INT-2', amountCents: 100 })).set('Authorization', `Bearer ${other}`).expect(404);
    expect(hidden.body.error.code).toBe('INVOICE.NOT_FOUND');
    await request(stack.http).get(`/v1/invoices/${invoice.id}/timeline`).set('Authorization', `Bearer ${other}`).expect(404);
  });

  it('records a phone call, and refuses a posting confirmation before any registered letter exists', async () => {
    const invoice = await newInvoice();
    const call = await post(invoice.id, 'phone-calls', { outcome: 'no_answer', by: 'sophie', note: 'Voicemail full' }).expect(200);
    expect(call.body).toMatchObject({ result: 'applied', stage: 'awaiting_due_date', paused: false });
    expect((await timeline(invoice.id)).items.at(-1)).toMatchObject({ kind: 'phone_call_outcome', by: 'sophie', summary: 'Phone call: no answer: Voicemail full' });

    const posted = await post(invoice.id, 'registered-letters', { trackingNumber: '1A02345678901', postedOn: today, by: 'sophie' }).expect(409);
    expect(posted.body.error.code).toBe('REGISTERED_LETTER.NOT_PRODUCED');
  });

  it('lists the documents, with checksum and download link once rendered, and shows them on the timeline', async () => {
    const invoice = await newInvoice();
    expect((await request(stack.http).get(`/v1/invoices/${invoice.id}/documents`).expect(200)).body).toEqual({ invoiceId: invoice.id, items: [] });

    // Rows as the letter steps write them (those steps run weeks after the due date): one waiting for its PDF, one rendered.
    const repo = stack.dataSource.getRepository(DunningDocumentEntity);
    const row = (step: string, overrides: Partial<DunningDocumentEntity>) =>
      repo.create({
        documentKey: `${invoice.workflowId}/${step}`,
        dunningId: invoice.workflowId,
        invoiceId: invoice.id,
        step,
        kind: step,
        tone: 'firm',
        documentDate: today,
        payBy: addDays(today, 7),
        balanceCents: 120_000,
        currency: 'EUR',
        details: {},
        status: 'awaiting_pdf',
        ...overrides,
      });
    const pdf = Buffer.from('%PDF-1.7 test');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const waiting = await repo.save(row('written_reminder', {}));
    const rendered = await repo.save(
      row('registered_warning', { status: 'rendered', content: pdf, sha256, byteSize: pdf.length, fileName: 'avertissement.pdf', contentType: 'application/pdf', pageCount: 1, renderedAt: new Date() }),
    );

    const { body } = await request(stack.http).get(`/v1/invoices/${invoice.id}/documents`).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ id: waiting.id, kind: 'written_reminder', status: 'awaiting_pdf', checksum: null, contentUrl: null, createdAt: expect.any(String) }),
      expect.objectContaining({ id: rendered.id, kind: 'registered_warning', status: 'rendered', checksum: `sha256:${sha256}`, contentUrl: `/v1/documents/${rendered.id}/content`, byteSize: pdf.length }),
    ]);
    const items = (await timeline(invoice.id)).items;
    expect(items.map((item: { type: string; kind: string }) => `${item.type}:${item.kind}`)).toEqual(['event:started', 'document:written_reminder', 'document:registered_warning']);
    expect(items[2]).toMatchObject({ documentId: rendered.id, contentUrl: `/v1/documents/${rendered.id}/content`, summary: expect.stringContaining('PDF ready') });
  });

  it('documents the routes in OpenAPI', async () => {

    const { body: openApi } = await request(stack.http).get('/docs-json').expect(200);
    for (const event of ['payments', 'disputes', 'disputes/resolve', 'promises', 'registered-letters', 'registered-letters/returned', 'phone-calls', 'hold', 'release', 'cancel', 'write-off']) {
      const operation = openApi.paths[`/v1/invoices/{id}/${event}`]?.post;
      expect(operation).toBeDefined();
      expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'Idempotency-Key']));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '422', '503']));
    }
    expect(openApi.paths['/v1/invoices/{id}/timeline']?.get).toBeDefined();
    expect(openApi.paths['/v1/invoices/{id}/documents']?.get).toBeDefined();
  });

  // Last: it stops the Temporal server.
  it('answers 503 SERVICE.UNAVAILABLE with Retry-After when Temporal is down, and still shows the timeline', async () => {
    const invoice = await newInvoice();
    await stack.stopTemporal();
    const response = await post(invoice.id, 'hold', decision).expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body.error.code).toBe('SERVICE.UNAVAILABLE');
    expect((await timeline(invoice.id)).items.map((item: { kind: string }) => item.kind)).toEqual(['started']);
  });
});
