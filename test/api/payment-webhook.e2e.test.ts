import { createHmac } from 'node:crypto';
import request from 'supertest';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The inbound payment webhook, end to end: signed requests to the real API, matched payments recorded
 * on the real dunning workflow (Temporal dev server + worker), PostgreSQL. Every invoice is due in 30
 * days, so no plan step runs during the tests: only the payments sent change the dunning.
 */
describe('payment webhook, on the real stack', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  let invoices = 0;
  let integration: { id: string; secret: string; url: string };

  async function newInvoice(): Promise<{ id: string; invoiceNumber: string }> {
    invoices++;
    const invoiceNumber = `WH-${process.pid}-${invoices}`;
    const { body } = await request(stack.http)
      .post('/v1/invoices')
      .send({
        invoiceNumber,
        totalCents: 120_000,
        netCents: 100_000,
        currency: 'EUR',
        issueDate: today,
        dueDate: addDays(today, 30),
        debtor: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.example', language: 'fr' },
      })
      .expect(201);
    return { id: body.id, invoiceNumber };
  }

  const sign = (secret: string, timestamp: string, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  const now = () => String(Math.floor(Date.now() / 1000));

  /** Posts a body exactly as given (the signature covers these bytes), with no API key. */
  function deliver(body: string, headers: { timestamp: string; signature: string }, integrationId = integration.id) {
    return request(stack.server)
      .post(`/v1/webhooks/payments/${integrationId}`)
      .set('Content-Type', 'application/json')
      .set('X-Relance-Timestamp', headers.timestamp)
      .set('X-Relance-Signature', headers.signature)
      .send(body);
  }

  function signed(payments: object[], timestamp = now()) {
    const body = JSON.stringify({ payments });
    return { body, headers: { timestamp, signature: sign(integration.secret, timestamp, body) } };
  }

  const payment = (overrides: Record<string, unknown> = {}) => ({ reference: `VIR-${Math.random().toString(36).slice(2, 10)}`, amountCents: 120_000, currency: 'EUR', valueDate: today, ...overrides });
  const dunning = async (invoiceId: string) => (await request(stack.http).get(`/v1/invoices/${invoiceId}`).expect(200)).body.dunning;

  beforeAll(async () => {
    stack = await startTestStack();
    const created = await request(stack.http).post('/v1/webhook-integrations').send({ name: 'Test bank feed', creditorId: stack.config.dunning.creditorId });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Test bank feed', url: `/v1/webhooks/payments/${created.body.id}`, secret: expect.stringMatching(/^whsec_/) });
    integration = created.body;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('records a correctly signed payment matched by invoice number: the invoice is paid', async () => {
    const invoice = await newInvoice();
    const { body, headers } = signed([payment({ invoiceNumber: invoice.invoiceNumber })]);
    const answer = await deliver(body, headers).expect(200);
    expect(answer.body).toEqual({ payments: [{ reference: expect.any(String), status: 'recorded', invoiceId: invoice.id }] });
    expect(await dunning(invoice.id)).toMatchObject({ stage: 'paid', amountDueCents: 0 });
  });

  it('matches by payment reference (the invoice number, ignoring case and spaces) and lowers the balance', async () => {
    const invoice = await newInvoice();
    const { body, headers } = signed([payment({ amountCents: 20_000, paymentReference: ` ${invoice.invoiceNumber.toLowerCase()} ` })]);
    const answer = await deliver(body, headers).expect(200);
    expect(answer.body.payments).toEqual([{ reference: expect.any(String), status: 'recorded', invoiceId: invoice.id }]);
    expect(await dunning(invoice.id)).toMatchObject({ stage: 'awaiting_due_date', amountDueCents: 100_000 });
  });

  it('refuses a wrong signature with 401 and records nothing', async () => {
    const invoice = await newInvoice();
    const { body, headers } = signed([payment({ invoiceNumber: invoice.invoiceNumber })]);
    const wrong = await deliver(body, { ...headers, signature: sign('whsec_not-the-secret-at-all-0000000000', headers.timestamp, body) }).expect(401);
    expect(wrong.body.error.code).toBe('WEBHOOK.BAD_SIGNATURE');
    // The body changed after signing.
    const tampered = await deliver(body.replace('120000', '120001'), headers).expect(401);
    expect(tampered.body.error.code).toBe('WEBHOOK.BAD_SIGNATURE');
    // No signature at all; an unknown integration.
    expect((await deliver(body, { ...headers, signature: '' }).expect(401)).body.error.code).toBe('WEBHOOK.BAD_SIGNATURE');
    expect((await deliver(body, headers, '00000000-0000-4000-8000-000000000000').expect(401)).body.error.code).toBe('WEBHOOK.BAD_SIGNATURE');
    expect(await dunning(invoice.id)).toMatchObject({ amountDueCents: 120_000, payments: [] });
  });

  it('refuses a timestamp 6 minutes old (or 6 minutes ahead) with 401 WEBHOOK.STALE', async () => {
    const invoice = await newInvoice();
    const old = signed([payment({ invoiceNumber: invoice.invoiceNumber })], String(Math.floor(Date.now() / 1000) - 6 * 60));
    expect((await deliver(old.body, old.headers).expect(401)).body.error.code).toBe('WEBHOOK.STALE');
    const ahead = signed([payment({ invoiceNumber: invoice.invoiceNumber })], String(Math.floor(Date.now() / 1000) + 6 * 60));
    expect((await deliver(ahead.body, ahead.headers).expect(401)).body.error.code).toBe('WEBHOOK.STALE');
    expect(await dunning(invoice.id)).toMatchObject({ amountDueCents: 120_000 });
  });

  it('refuses the same signed request replayed with 409 WEBHOOK.REPLAYED', async () => {
    const invoice = await newInvoice();
    const { body, headers } = signed([payment({ invoiceNumber: invoice.invoiceNumber, amountCents: 10_000 })]);
    await deliver(body, headers).expect(200);
    const replay = await deliver(body, headers).expect(409);
    expect(replay.body.error.code).toBe('WEBHOOK.REPLAYED');
    expect(await dunning(invoice.id)).toMatchObject({ amountDueCents: 110_000 });
  });

  it('counts the same payment reference in two webhooks once', async () => {
    const invoice = await newInvoice();
    const same = payment({ invoiceNumber: invoice.invoiceNumber, amountCents: 30_000 });
    const first = signed([same]);
    expect((await deliver(first.body, first.headers).expect(200)).body.payments[0]).toMatchObject({ status: 'recorded', invoiceId: invoice.id });
    // A second delivery, signed anew (another timestamp, another signature), of the same payment.
    const second = signed([same], String(Number(first.headers.timestamp) - 1));
    expect((await deliver(second.body, second.headers).expect(200)).body.payments[0]).toMatchObject({ status: 'duplicate', invoiceId: invoice.id });
    const live = await dunning(invoice.id);
    expect(live).toMatchObject({ amountDueCents: 90_000 });
    expect(live.payments).toHaveLength(1);
  });

  it('refuses an invalid body with 422 naming the field (after the signature is checked)', async () => {
    const { body, headers } = signed([{ reference: 'BAD-1', amountCents: -5, currency: 'EUR', valueDate: today }]);
    const answer = await deliver(body, headers).expect(422);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION.FAILED', details: [{ path: 'payments.0.amountCents' }] });
  });

  it('answers each payment on its own: a refusal does not stop the others', async () => {
    const invoice = await newInvoice();
    const { body, headers } = signed([payment({ invoiceNumber: invoice.invoiceNumber, currency: 'USD' }), payment({ invoiceNumber: invoice.invoiceNumber, amountCents: 1_000 })]);
    const answer = await deliver(body, headers).expect(200);
    expect(answer.body.payments).toEqual([
      { reference: expect.any(String), status: 'refused', invoiceId: invoice.id, error: { code: 'PAYMENT.CURRENCY_MISMATCH', message: expect.any(String) } },
      { reference: expect.any(String), status: 'recorded', invoiceId: invoice.id },
    ]);
  });

  it('keeps an unmatched payment for an operator, who assigns it: it is recorded on that invoice, once', async () => {
    const invoice = await newInvoice();
    const lost = payment({ amountCents: 50_000, paymentReference: 'Facture inconnue 77' });
    const { body, headers } = signed([lost]);
    expect((await deliver(body, headers).expect(200)).body.payments).toEqual([{ reference: lost.reference, status: 'unmatched' }]);
    // Sent again: kept once.
    const again = signed([lost], String(Number(headers.timestamp) - 1));
    expect((await deliver(again.body, again.headers).expect(200)).body.payments).toEqual([{ reference: lost.reference, status: 'duplicate' }]);

    const operator = await stack.createKey('operator');
    const listed = await request(stack.server).get('/v1/unmatched-payments').set('Authorization', `Bearer ${operator}`).expect(200);
    const kept = listed.body.filter((p: { reference: string }) => p.reference === lost.reference);
    expect(kept).toEqual([
      expect.objectContaining({ reference: lost.reference, amountCents: 50_000, currency: 'EUR', valueDate: today, paymentReference: 'Facture inconnue 77', status: 'unmatched', assignedInvoiceId: null }),
    ]);

    const assign = () =>
      request(stack.server).post(`/v1/unmatched-payments/${kept[0].id}/assign`).set('Authorization', `Bearer ${operator}`).send({ invoiceId: invoice.id, by: 'sophie.martin@acme.example' });
    const assigned = await assign().expect(200);
    expect(assigned.body.payment).toMatchObject({ status: 'assigned', assignedInvoiceId: invoice.id, assignedBy: 'sophie.martin@acme.example' });
    expect(assigned.body.receipt).toMatchObject({ invoiceId: invoice.id, result: 'applied', amountDueCents: 70_000 });
    const repeated = await assign().expect(200);
    expect(repeated.body.receipt).toMatchObject({ result: 'duplicate', amountDueCents: 70_000 });
    const live = await dunning(invoice.id);
    expect(live).toMatchObject({ amountDueCents: 70_000 });
    expect(live.payments).toHaveLength(1);

    // Another invoice once assigned: 409. The operator's list of open ones no longer shows it.
    const other = await newInvoice();
    const elsewhere = await request(stack.server)
      .post(`/v1/unmatched-payments/${kept[0].id}/assign`)
      .set('Authorization', `Bearer ${operator}`)
      .send({ invoiceId: other.id, by: 'sophie.martin@acme.example' })
      .expect(409);
    expect(elsewhere.body.error.code).toBe('UNMATCHED_PAYMENT.ALREADY_ASSIGNED');
    const open = (await request(stack.server).get('/v1/unmatched-payments').set('Authorization', `Bearer ${operator}`).expect(200)).body;
    expect(open.map((p: { id: string }) => p.id)).not.toContain(kept[0].id);
    // The same payment sent again after its assignment: a duplicate, naming the invoice.
    const late = signed([lost], String(Number(headers.timestamp) - 2));
    expect((await deliver(late.body, late.headers).expect(200)).body.payments).toEqual([{ reference: lost.reference, status: 'duplicate', invoiceId: invoice.id }]);
  });

  it('never shows a secret after creation; integrations are for the back office only', async () => {
    const listed = await request(stack.http).get('/v1/webhook-integrations').expect(200);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: integration.id, name: 'Test bank feed' })]));
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(integration.secret);
    expect(text).not.toContain('secret');
    const operator = await stack.createKey('operator');
    await request(stack.server).get('/v1/webhook-integrations').set('Authorization', `Bearer ${operator}`).expect(403);
    const unmatched = await request(stack.http).get('/v1/unmatched-payments?status=all').expect(200);
    expect(JSON.stringify(unmatched.body)).not.toContain(integration.secret);
  });
});
