import type { DataSource } from 'typeorm';
import { createActivities, type DunningActivities, type DunningStepRequest } from '../../src/activities';
import type { Mailer, OutgoingMail } from '../../src/activities/mail/mailer';
import { createDataSource } from '../../src/db/data-source';
import { CreditorEntity } from '../../src/db/entities/creditor.entity';
import { CustomerEntity } from '../../src/db/entities/customer.entity';
import { DunningDocumentEntity } from '../../src/db/entities/dunning-document.entity';
import { DunningEventEntity } from '../../src/db/entities/dunning-event.entity';
import { DunningTaskEntity } from '../../src/db/entities/dunning-task.entity';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { OperatorRateEntity } from '../../src/db/entities/operator-rate.entity';
import { SentEmailEntity } from '../../src/db/entities/sent-email.entity';
import type { RunningPostgres } from '../../src/dev/embedded-postgres';
import { startTestPostgres } from '../support/test-stack';

/** Polls until `check` holds (5 s at most). */
async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The workflow's activities against a real PostgreSQL (the SMTP side is a recording mailer): each
// does its work once per dunning and step, however often Temporal retries it.
describe('dunning activities on PostgreSQL', () => {
  let postgres: RunningPostgres;
  let dataSource: DataSource;
  let activities: DunningActivities;
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => void sent.push(mail), close: () => undefined };
  let invoiceId: string;
  const dunningId = 'invoice:default:F-ACT-1';

  const request = (overrides: Partial<DunningStepRequest>): DunningStepRequest => ({
    dunningId,
    invoiceId,
    invoiceNumber: 'F-ACT-1',
    plan: { name: 'fr-b2b-default', version: 1 },
    step: 'first_reminder',
    channel: 'email',
    template: 'first_reminder',
    tone: 'courteous',
    stepDate: '2026-12-14',
    invoiceTotalCents: 120_000,
    balanceCents: 120_000,
    currency: 'EUR',
    dueDate: '2026-12-11',
    payBy: null,
    completeBy: null,
    penalties: { status: 'unavailable', asOf: '2026-12-14', code: 'RATE.MISSING', reason: 'No ECB_MRO rate for 2026-H2' },
    previousReminderDates: [],
    registeredLetter: null,
    ...overrides,
  });

  beforeAll(async () => {
    postgres = await startTestPostgres();
    dataSource = await createDataSource(postgres.url, { poolSize: 2 }).initialize();
    await dataSource.runMigrations();
    const invoice = await dataSource.getRepository(InvoiceEntity).save({
      creditorId: 'default',
      invoiceNumber: 'F-ACT-1',
      customerId: 'CUST-1',
      totalCents: 120_000,
      netCents: 100_000,
      currency: 'EUR',
      issueDate: '2026-11-11',
      dueDate: '2026-12-11',
      debtorName: 'Boulangerie Martin SARL',
      debtorEmail: 'compta@boulangerie-martin.example',
      debtorLanguage: 'fr',
      workflowId: dunningId,
      stage: 'awaiting_due_date',
    });
    invoiceId = invoice.id;
    // The letters print the creditor profile (test/workflows/letters-on-postgres.test.ts covers them in depth).
    await dataSource.getRepository(CreditorEntity).save({
      id: 'default',
      legalName: 'Atelier Numérique Lumière SAS',
      jurisdiction: 'FR',
      registrationNumber: '812345678',
      vatNumber: 'FR42812345678',
      address: { lines: ['18 quai Claude Bernard'], postalCode: '69007', city: 'Lyon', country: 'FR' },
      signatoryName: 'Julien Morel',
      signatoryTitle: 'Directeur administratif et financier',
      competentCourt: 'Tribunal des activités économiques de Lyon',
      iban: 'FR7630006000011234567890189',
      bic: null,
      billingContactName: 'Claire Dubois',
      billingContactEmail: 'comptabilite@atelier-lumiere.example',
      billingContactPhone: null,
      defaultPlanName: null,
    });
    // A registered letter goes to the customer's postal address.
    await dataSource.getRepository(CustomerEntity).save({
      creditorId: 'default',
      externalId: 'CUST-1',
      type: 'business',
      legalName: 'Boulangerie Martin SARL',
      searchName: 'boulangerie martin sarl',
      country: 'FR',
      registrationNumber: null,
      vatNumber: null,
      billingAddress: { lines: ['27 avenue Roger Salengro'], postalCode: '69100', city: 'Villeurbanne', country: 'FR' },
      registeredOffice: null,
      contacts: [],
      habitualLatePayer: false,
    });
    activities = createActivities({ dataSource, mailer });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await postgres?.stop();
  });

  it('sends a step e-mail once, however often the activity runs', async () => {
    const first = await activities.sendFirstReminderEmail(request({}));
    const retry = await activities.sendFirstReminderEmail(request({}));
    expect(first.alreadyDone).toBe(false);
    expect(retry).toEqual({ reference: first.reference, alreadyDone: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'compta@boulangerie-martin.example', subject: 'Relance : facture F-ACT-1 échue le 11 décembre 2026' });
    expect(sent[0].text).toContain('reste impayée à ce jour pour un montant de 1\u00a0200,00\u00a0€');
    expect(await dataSource.getRepository(SentEmailEntity).countBy({ invoiceId, step: 'first_reminder' })).toBe(1);
  });

  /** A second connection that watches the sessions and can end them, whatever the activities hold. */
  const withObserver = async <T>(use: (observer: DataSource) => Promise<T>): Promise<T> => {
    const observer = await createDataSource(postgres.url, { poolSize: 1 }).initialize();
    try {
      return await use(observer);
    } finally {
      await observer.destroy();
    }
  };
  const sentRows = (step: string) => dataSource.getRepository(SentEmailEntity).findBy({ idempotencyKey: `${dunningId}/${step}` });

  it('sends once when a second attempt starts while the first is still talking to the SMTP server', async () => {
    const delivered: OutgoingMail[] = [];
    let accept!: () => void;
    const accepted = new Promise<void>((resolve) => (accept = resolve));
    const slow = createActivities({
      dataSource,
      mailer: {
        send: async (mail) => {
          delivered.push(mail);
          await accepted;
        },
        close: () => undefined,
      },
    });
    const step = request({ step: 'second_reminder', template: 'second_reminder', tone: 'firm' });
    await withObserver(async (observer) => {
      const first = slow.sendSecondReminderEmail(step);
      await waitFor(() => delivered.length === 1);
      const second = slow.sendSecondReminderEmail(step);
      // The second attempt waits on the first one's row, inside PostgreSQL.
      await waitFor(async () => (await observer.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`))[0].n === 1);
      accept();
      const [a, b] = await Promise.all([first, second]);
      expect([a.alreadyDone, b.alreadyDone]).toEqual([false, true]);
      expect(b.reference).toBe(a.reference);
    });
    expect(delivered).toHaveLength(1);
    expect((await sentRows('second_reminder')).map((r) => r.status)).toEqual(['sent']);
  });

  it('keeps an exchange the SMTP server refused as an attempt, not as sent, so the retry sends', async () => {
    const step = request({ step: 'courtesy_reminder', template: 'courtesy_reminder', stepDate: '2026-12-08' });
    const down = createActivities({
      dataSource,
      mailer: { send: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1025'), { code: 'ECONNREFUSED' })), close: () => undefined },
    });
    await expect(down.sendCourtesyReminderEmail(step)).rejects.toThrow(/ECONNREFUSED/);
    expect((await sentRows('courtesy_reminder')).map((r) => r.status)).toEqual(['sending']);
    const delivered: OutgoingMail[] = [];
    const up = createActivities({ dataSource, mailer: { send: async (mail) => void delivered.push(mail), close: () => undefined } });
    expect((await up.sendCourtesyReminderEmail(step)).alreadyDone).toBe(false);
    expect(delivered).toHaveLength(1);
    expect((await sentRows('courtesy_reminder')).map((r) => r.status)).toEqual(['sent']);
  });

  it('never resends an e-mail the server accepted when the database connection drops before the COMMIT', async () => {
    const delivered: OutgoingMail[] = [];
    const step = request({ step: 'first_reminder_copy', template: 'first_reminder' });
    let terminated = 0;
    await withObserver(async (observer) => {
      const cut = createActivities({
        dataSource,
        mailer: {
          // The server accepts the message, and the session holding the e-mail's row dies.
          send: async (mail) => {
            delivered.push(mail);
            const [{ n }] = await observer.query(
              `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND pid <> pg_backend_pid()`,
            );
            terminated += n;
          },
          close: () => undefined,
        },
      });
      expect((await cut.sendFirstReminderEmail(step)).alreadyDone).toBe(false);
      expect((await cut.sendFirstReminderEmail(step)).alreadyDone).toBe(true);
    });
    expect(terminated).toBe(1);
    expect(delivered).toHaveLength(1);
    expect((await sentRows('first_reminder_copy')).map((r) => r.status)).toEqual(['sent']);
  });

  it('creates the phone-call task once, with the call script', async () => {
    const phone = request({ step: 'phone_call', channel: 'phone_task', template: 'phone_call', completeBy: '2026-12-16' });
    const task = await activities.createPhoneCallTask(phone);
    expect(await activities.createPhoneCallTask(phone)).toEqual({ reference: task.reference, alreadyDone: true });
    const stored = await dataSource.getRepository(DunningTaskEntity).findOneByOrFail({ id: task.reference });
    expect(stored).toMatchObject({ kind: 'phone_call', status: 'open', dueOn: '2026-12-16', taskKey: `${dunningId}/phone_call` });
    expect(stored.instructions).toContain('Get the name and contact of the person who releases the payment');
  });

  it('renders letters as stored PDF documents; registered ones come with a task to post them', async () => {
    // December 2026 needs the ECB rate of 1 July 2026, which the shipped tables do not have yet.
    await dataSource.getRepository(OperatorRateEntity).save({ kind: 'ECB_MRO', effectiveFrom: '2026-07-01', rateBp: 215, source: 'test', createdBy: 'test' });
    const written = await activities.produceWrittenReminderLetter(
      request({ step: 'written_reminder', channel: 'letter', template: 'written_reminder', tone: 'firm', payBy: '2026-12-28', previousReminderDates: ['2026-12-08', '2026-12-14'] }),
    );
    const warning = await activities.produceRegisteredWarningLetter(
      request({ step: 'registered_warning', channel: 'registered_letter', template: 'registered_warning', tone: 'firm', stepDate: '2026-12-28' }),
    );
    const documents = dataSource.getRepository(DunningDocumentEntity);
    expect(await documents.findOneByOrFail({ id: written.reference })).toMatchObject({
      kind: 'written_reminder',
      status: 'rendered',
      fileName: '2026-12-14_relance_F-ACT-1.pdf',
      payBy: '2026-12-28',
      balanceCents: 120_000,
      details: expect.objectContaining({ previousReminderDates: ['2026-12-08', '2026-12-14'] }),
    });
    expect(sent.at(-1)?.text).toContain('Malgré nos relances du 8 décembre 2026 et du 14 décembre 2026');
    expect(sent.at(-1)?.attachments?.map((a) => [a.filename, a.contentType])).toEqual([['2026-12-14_relance_F-ACT-1.pdf', 'application/pdf']]);
    expect(await documents.findOneByOrFail({ id: warning.reference })).toMatchObject({ kind: 'registered_warning', documentDate: '2026-12-28' });
    expect(await dataSource.getRepository(DunningTaskEntity).findOneByOrFail({ taskKey: `${dunningId}/registered_warning/post` })).toMatchObject({
      kind: 'post_registered_letter',
      dueOn: '2026-12-29',
    });
  });

  it('refuses for good what retrying cannot fix', async () => {
    await expect(activities.sendFirstReminderEmail(request({ invoiceId: '00000000-0000-4000-8000-000000000000', step: 'x' }))).rejects.toMatchObject({
      type: 'INVOICE.NOT_FOUND',
      nonRetryable: true,
    });
    await expect(activities.produceFormalNotice(request({ template: 'first_reminder' }))).rejects.toMatchObject({ type: 'STEP.UNSUPPORTED', nonRetryable: true });
  });

  it('writes the timeline once and keeps the read model current; closes tasks when told', async () => {
    const record = {
      dunningId,
      invoiceId,
      events: [
        { seq: 1, entry: { at: '2026-12-14T08:00:00.000Z', kind: 'step_done' as const, step: 'first_reminder', summary: 'First reminder e-mailed to the debtor' } },
        { seq: 2, entry: { at: '2026-12-15T10:00:00.000Z', kind: 'payment' as const, summary: 'Payment VIR-1 of €500.00 received', by: 'bank-feed' } },
      ],
      readModel: { stage: 'phone_call' as const, amountDueCents: 70_000, nextActionAt: '2026-12-21T08:00:00.000Z' },
    };
    await activities.recordDunningEvents(record);
    await activities.recordDunningEvents(record);
    const rows = await dataSource.getRepository(DunningEventEntity).find({ where: { dunningId }, order: { seq: 'ASC' } });
    expect(rows.map((r) => [r.seq, r.kind, r.step, r.actor])).toEqual([
      [1, 'step_done', 'first_reminder', null],
      [2, 'payment', null, 'bank-feed'],
    ]);
    expect(await dataSource.getRepository(InvoiceEntity).findOneByOrFail({ id: invoiceId })).toMatchObject({
      stage: 'phone_call',
      balanceCents: 70_000,
      nextActionAt: new Date('2026-12-21T08:00:00.000Z'),
    });

    expect(await activities.closeOperatorTasks({ dunningId, key: `${dunningId}/phone_call`, outcome: 'promise_to_pay', by: 'marie' })).toBe(1);
    expect(await activities.closeOperatorTasks({ dunningId, key: null, outcome: 'paid', by: null })).toBe(1);
    const tasks = await dataSource.getRepository(DunningTaskEntity).find({ where: { dunningId }, order: { kind: 'ASC' } });
    expect(tasks.map((t) => [t.kind, t.status, t.outcome])).toEqual([
      ['phone_call', 'done', 'promise_to_pay'],
      ['post_registered_letter', 'cancelled', 'paid'],
    ]);
  });
});
