/**
 * The letter steps against a real PostgreSQL and the real local SMTP server (the mail catcher): each
 * renders its PDF once, stores it with its checksum, and delivers it once — e-mailed as an
 * attachment, handed to the registered-mail provider — however often Temporal retries it; what
 * retrying cannot fix fails for good with a stable type (the workflow turns it into an operator task).
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { DataSource } from 'typeorm';
import { createActivities, type DunningActivities } from '../../src/activities';
import { createSmtpMailer, type Mailer } from '../../src/activities/mail/mailer';
import { createHttpRegisteredMail } from '../../src/activities/registered-mail/http-registered-mail';
import { relayPostingConfirmations, type PostingToConfirm } from '../../src/activities/registered-mail/posting-relay';
import { formatMoney } from '../../src/domain/money';
import { computePenalties } from '../../src/domain/penalties';
import { createDataSource } from '../../src/db/data-source';
import { DunningDocumentEntity } from '../../src/db/entities/dunning-document.entity';
import { DunningTaskEntity } from '../../src/db/entities/dunning-task.entity';
import type { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { OperatorRateEntity } from '../../src/db/entities/operator-rate.entity';
import { RegisteredMailingEntity } from '../../src/db/entities/registered-mailing.entity';
import { SentEmailEntity } from '../../src/db/entities/sent-email.entity';
import type { RunningPostgres } from '../../src/dev/embedded-postgres';
import { MailCatcher, type CapturedMail } from '../../src/dev/mail-catcher/mail-catcher';
import { saveCreditor, saveCustomer, saveInvoice, writtenReminderRequest } from '../support/letter-fixtures';
import { startTestPostgres } from '../support/test-stack';

// pdf-parse's index.js runs a self-test when module.parent is unset (as under jest): load the library file,
// and hand it a plain Uint8Array (its pdf.js misreads Node Buffers now and then).
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Uint8Array) => Promise<{ text: string; numpages: number }>;

/** The PDF's text, whitespace runs (no-break spaces included) squashed away: amounts read '1200,00€'. */
async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(new Uint8Array(pdf))).text.replace(/[\s\u00A0]+/g, '');
}
const squash = (text: string) => text.replace(/[\s\u00A0]+/g, '');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const frMoney = (cents: number) => formatMoney(cents, 'EUR', 'fr');

/** A fake electronic registered-mail service speaking the contract of http-registered-mail.ts. */
class FakeRegisteredMailService {
  readonly posts: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, any> }> = [];
  readonly gets: string[] = [];
  /** What the next POSTs answer: status code (default 201). */
  nextPostStatus: number[] = [];
  /** Deposit date reported by GET; null: not deposited yet. */
  postedOn: string | null = null;
  private readonly byKey = new Map<string, string>();
  private server!: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const json = (status: number, body: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.headers.authorization !== 'Bearer test-key') return json(401, { error: 'bad key' });
        if (req.method === 'POST' && req.url === '/api/letters') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          this.posts.push({ headers: req.headers, body });
          const status = this.nextPostStatus.shift() ?? 201;
          if (status !== 201) return json(status, { error: `refused with ${status}` });
          const content = Buffer.from(body.document.contentBase64, 'base64');
          if (sha256(content) !== body.document.sha256) return json(422, { error: 'checksum mismatch' });
          const key = String(req.headers['idempotency-key']);
          const tracking = this.byKey.get(key) ?? `LRE-${String(this.byKey.size + 1).padStart(6, '0')}`;
          this.byKey.set(key, tracking);
          return json(201, { trackingNumber: tracking, status: 'accepted', postedOn: null });
        }
        const match = /^\/api\/letters\/([^/]+)$/.exec(req.url ?? '');
        if (req.method === 'GET' && match) {
          this.gets.push(decodeURIComponent(match[1]));
          return json(200, { trackingNumber: decodeURIComponent(match[1]), status: this.postedOn ? 'posted' : 'accepted', postedOn: this.postedOn });
        }
        json(404, { error: 'no such route' });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('letter steps on PostgreSQL and SMTP', () => {
  let postgres: RunningPostgres;
  let dataSource: DataSource;
  let mail: MailCatcher;
  let mailer: Mailer;
  let activities: DunningActivities;
  const fake = new FakeRegisteredMailService();
  let invoiceCount = 0;

  async function invoice(overrides: Partial<InvoiceEntity> = {}): Promise<InvoiceEntity> {
    invoiceCount++;
    return saveInvoice(dataSource, overrides.invoiceNumber ?? `F-LET-${invoiceCount}`, overrides);
  }

  const request = writtenReminderRequest;

  const engine = (amountCents: number, dueDate: string, asOf: string, payments: { amountCents: number; date: string }[] = []) =>
    computePenalties({ jurisdiction: 'FR', debtorType: 'business', amountCents, currency: 'EUR', dueDate, payments, asOf });

  async function mailsTo(address: string): Promise<CapturedMail[]> {
    return (await mail.messages()).filter((m) => m.envelope.to.includes(address));
  }

  async function attachmentOf(captured: CapturedMail): Promise<{ filename?: string; contentType: string; content: Buffer }> {
    const parsed = await simpleParser((await mail.raw(captured.id)) as Buffer);
    expect(parsed.attachments).toHaveLength(1);
    return parsed.attachments[0];
  }

  beforeAll(async () => {
    [postgres, mail] = await Promise.all([
      startTestPostgres(),
      MailCatcher.start({ smtpPort: 0, viewerPort: 0, rejectRecipients: (address) => address.startsWith('bounce@') }),
      fake.start(),
    ]);
    dataSource = await createDataSource(postgres.url, { poolSize: 4 }).initialize();
    await dataSource.runMigrations();
    mailer = createSmtpMailer(mail.smtpUrl, 'Atelier Lumière <relances@atelier-lumiere.example>');
    activities = createActivities({ dataSource, mailer, publicUrl: 'https://relance.example' });
    await saveCreditor(dataSource, 'acme');
    await saveCustomer(dataSource, 'acme', 'CUST-1');
  });

  afterAll(async () => {
    mailer?.close();
    await dataSource?.destroy();
    await Promise.allSettled([mail?.stop(), postgres?.stop(), fake.stop()]);
  });

  it('renders the written reminder once and e-mails it once, the PDF attached, however often the activity runs', async () => {
    const inv = await invoice({ debtorEmail: 'written@boulangeries-martin.example' });
    const step = request(inv);
    const first = await activities.produceWrittenReminderLetter(step);
    const retry = await activities.produceWrittenReminderLetter(step);
    expect(first.alreadyDone).toBe(false);
    expect(retry).toEqual({ reference: first.reference, alreadyDone: true });

    const documents = await dataSource
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.invoice_id = :id', { id: inv.id })
      .getMany();
    expect(documents).toHaveLength(1);
    const [document] = documents;
    expect(document).toMatchObject({ id: first.reference, kind: 'written_reminder', status: 'rendered', contentType: 'application/pdf', language: 'fr', creditorId: 'acme' });
    expect(document.sha256).toBe(sha256(document.content as Buffer));
    expect(document.byteSize).toBe((document.content as Buffer).length);
    expect(document.fileName).toBe(`2026-02-17_relance_${inv.invoiceNumber}.pdf`);

    const mails = await mailsTo('written@boulangeries-martin.example');
    expect(mails).toHaveLength(1);
    expect(await dataSource.getRepository(SentEmailEntity).countBy({ invoiceId: inv.id })).toBe(1);
    const attachment = await attachmentOf(mails[0]);
    expect(attachment).toMatchObject({ filename: document.fileName, contentType: 'application/pdf' });
    expect(sha256(attachment.content)).toBe(document.sha256);

    // What the PDF states: the invoice, and the amounts of the penalty engine as of the letter date.
    const expected = engine(120_000, '2026-02-09', '2026-02-17');
    expect(expected.interestCents).toBeGreaterThan(0);
    const text = await pdfText(attachment.content);
    for (const mention of [
      inv.invoiceNumber,
      'Boulangeries Martin & Fils SARL',
      '27 avenue Roger Salengro',
      'Atelier Numérique Lumière SAS',
      frMoney(120_000),
      frMoney(expected.interestCents),
      frMoney(4_000),
      frMoney(120_000 + expected.interestCents + 4_000),
      'FR76 3000 6000 0112 3456 7890 189',
    ]) {
      expect(text).toContain(squash(mention));
    }
    expect(document.amounts).toEqual({
      principalCents: 120_000,
      interestCents: expected.interestCents,
      indemnityCents: 4_000,
      totalDueCents: 124_000 + expected.interestCents,
      penaltiesCents: 4_000 + expected.interestCents,
    });

    // The e-mail: the letter's amounts split, how to pay and whom to call.
    const body = mails[0].text ?? '';
    expect(body).toContain(`Veuillez trouver ci-jointe notre lettre de relance du 17 février 2026 (${document.fileName}).`);
    expect(body).toContain(
      [
        `Principal restant dû : ${frMoney(120_000)}`,
        `Pénalités de retard à ce jour : ${frMoney(expected.interestCents)}`,
        `Indemnité forfaitaire pour frais de recouvrement : ${frMoney(4_000)}`,
        `Total dû à ce jour : ${frMoney(124_000 + expected.interestCents)}`,
      ].join('\n'),
    );
    expect(body).toContain('IBAN : FR76 3000 6000 0112 3456 7890 189\nBIC : AGRIFRPPXXX\nRéférence à indiquer : ' + inv.invoiceNumber);
    expect(body).toContain('Claire Dubois (comptabilite@atelier-lumiere.example, +33472001234)');
    expect(mails[0].html).toContain('IBAN : FR76 3000 6000 0112 3456 7890 189<br>');
  });

  it('puts the payment details and the billing contact in the e-mail steps too', async () => {
    const inv = await invoice({ debtorEmail: 'first@boulangeries-martin.example', debtorLanguage: 'en' });
    await activities.sendFirstReminderEmail(request(inv, { step: 'first_reminder', channel: 'email', template: 'first_reminder', tone: 'courteous', payBy: null }));
    const [sent] = await mailsTo('first@boulangeries-martin.example');
    expect(sent.attachments).toEqual([]);
    expect(sent.text).toContain(`Payment details (bank transfer):\nPayee: Atelier Numérique Lumière SAS\nIBAN: FR76 3000 6000 0112 3456 7890 189\nBIC: AGRIFRPPXXX\nReference to quote: ${inv.invoiceNumber}`);
    expect(sent.text).toContain('please contact Claire Dubois (comptabilite@atelier-lumiere.example, +33472001234).');
  });

  it('fails for good, with CREDITOR.PROFILE_MISSING, when the creditor has no profile', async () => {
    const inv = await invoice({ creditorId: 'nobody', debtorEmail: 'noprofile@example.com' });
    const failure = activities.produceWrittenReminderLetter(request(inv));
    await expect(failure).rejects.toMatchObject({ type: 'CREDITOR.PROFILE_MISSING', nonRetryable: true });
    await expect(failure).rejects.toThrow('create it with PUT /v1/creditors/nobody');
    expect(await mailsTo('noprofile@example.com')).toEqual([]);
  });

  it('fails for good, with MAIL.RECIPIENT_REJECTED, when the SMTP server refuses the address', async () => {
    const inv = await invoice({ debtorEmail: 'bounce@boulangeries-martin.example' });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(activities.produceWrittenReminderLetter(request(inv))).rejects.toMatchObject({ type: 'MAIL.RECIPIENT_REJECTED', nonRetryable: true });
    }
    // The letter is stored (an operator can send it by hand); nothing reached the catcher.
    const document = await dataSource.getRepository(DunningDocumentEntity).findOneByOrFail({ invoiceId: inv.id });
    expect(document.status).toBe('rendered');
    expect(await mailsTo('bounce@boulangeries-martin.example')).toEqual([]);
  });

  it('fails for good, with RATE.MISSING, until an operator adds the rate; then the letter is produced', async () => {
    const inv = await invoice({ debtorEmail: 'rates@boulangeries-martin.example', dueDate: '2026-06-30', issueDate: '2026-05-31' });
    const step = request(inv, { stepDate: '2026-07-20', payBy: '2026-07-27', previousReminderDates: [] });
    const failure = activities.produceWrittenReminderLetter(step);
    await expect(failure).rejects.toMatchObject({ type: 'RATE.MISSING', nonRetryable: true });
    await expect(failure).rejects.toThrow('Add the rate with POST /v1/rates {"kind":"ECB_MRO","effectiveFrom":"2026-07-01"');
    expect(await mailsTo('rates@boulangeries-martin.example')).toEqual([]);

    await dataSource.getRepository(OperatorRateEntity).save({ kind: 'ECB_MRO', effectiveFrom: '2026-07-01', rateBp: 215, source: 'ECB press release (test)', createdBy: 'test' });
    const done = await activities.produceWrittenReminderLetter(step);
    const [sent] = await mailsTo('rates@boulangeries-martin.example');
    const text = await pdfText((await attachmentOf(sent)).content);
    expect(text).toContain(squash('12,15 %')); // 2.15 + 10 points
    expect(done.alreadyDone).toBe(false);
  });

  it('queues a registered warning for printing: the task says where to download it and whom to send it to', async () => {
    const inv = await invoice({ debtorEmail: 'warning@boulangeries-martin.example' });
    const step = request(inv, { step: 'registered_warning', channel: 'registered_letter', template: 'registered_warning', stepDate: '2026-02-24', payBy: '2026-03-04' });
    const first = await activities.produceRegisteredWarningLetter(step);
    expect(await activities.produceRegisteredWarningLetter(step)).toEqual({ reference: first.reference, alreadyDone: true });

    const task = await dataSource.getRepository(DunningTaskEntity).findOneByOrFail({ taskKey: `${inv.workflowId}/registered_warning/post` });
    expect(task).toMatchObject({ kind: 'post_registered_letter', dueOn: '2026-02-25', status: 'open' });
    expect(task.instructions).toContain(`https://relance.example/v1/documents/${first.reference}/content`);
    expect(task.instructions).toContain('3 place Bellecour'); // registered office, not the billing address
    expect(await dataSource.getRepository(RegisteredMailingEntity).findOneByOrFail({ documentId: first.reference })).toMatchObject({ provider: 'print', status: 'to_print', attempts: 1 });
    expect(await mailsTo('warning@boulangeries-martin.example')).toEqual([]); // the warning goes by post only
  });

  it('hands a formal notice to the electronic registered-mail service once, e-mails a copy, and relays the deposit date', async () => {
    const provider = createHttpRegisteredMail({ url: fake.url, apiKey: 'test-key' });
    const viaHttp = createActivities({ dataSource, mailer, registeredMail: provider, publicUrl: 'https://relance.example' });
    const inv = await invoice({ debtorEmail: 'notice@boulangeries-martin.example' });
    const step = request(inv, {
      step: 'formal_notice',
      channel: 'formal_notice',
      template: 'formal_notice',
      tone: 'formal',
      stepDate: '2026-03-09',
      payBy: '2026-03-17',
      previousReminderDates: ['2026-02-10', '2026-02-17', '2026-02-24'],
      registeredLetter: { step: 'registered_warning', producedOn: '2026-02-24', postedOn: '2026-02-27', trackingNumber: '1A00000000001' },
    });

    // The service is down for the first attempt: retried (not a permanent failure), nothing recorded as sent.
    fake.nextPostStatus = [503];
    await expect(viaHttp.produceFormalNotice(step)).rejects.toThrow('HTTP 503');
    const first = await viaHttp.produceFormalNotice(step);
    expect(await viaHttp.produceFormalNotice(step)).toEqual({ reference: first.reference, alreadyDone: true });

    const posts = fake.posts.filter((p) => p.body.reference === `${inv.workflowId}/formal_notice`);
    expect(posts).toHaveLength(2); // the refused one and the accepted one, same key
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual([`${inv.workflowId}/formal_notice`, `${inv.workflowId}/formal_notice`]);
    const sentPdf = Buffer.from(posts[1].body.document.contentBase64, 'base64');
    const document = await dataSource.getRepository(DunningDocumentEntity).findOneByOrFail({ id: first.reference });
    expect(sha256(sentPdf)).toBe(document.sha256);
    expect(posts[1].body).toMatchObject({
      kind: 'formal_notice',
      acknowledgmentOfReceipt: true,
      recipient: { name: 'Boulangeries Martin & Fils SARL', addressLines: ['3 place Bellecour', '69002 Lyon'], email: 'notice@boulangeries-martin.example' },
      sender: { name: 'Atelier Numérique Lumière SAS', addressLines: ['18 quai Claude Bernard', '69007 Lyon'] },
      document: { fileName: `2026-03-09_mise-en-demeure_${inv.invoiceNumber}.pdf`, contentType: 'application/pdf' },
    });
    const text = await pdfText(sentPdf);
    for (const mention of ['LETTRE DE MISE EN DEMEURE', inv.invoiceNumber, 'Tribunal des activités économiques de Lyon', frMoney(120_000), frMoney(4_000)]) {
      expect(text).toContain(squash(mention));
    }

    // The copy by e-mail carries the same PDF.
    const mails = await mailsTo('notice@boulangeries-martin.example');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Mise en demeure : facture ${inv.invoiceNumber}`);
    expect(sha256((await attachmentOf(mails[0])).content)).toBe(document.sha256);

    // No print task: the service posts it. The relay learns the deposit date and tells the workflow.
    expect(await dataSource.getRepository(DunningTaskEntity).countBy({ taskKey: `${inv.workflowId}/formal_notice/post` })).toBe(0);
    const mailings = dataSource.getRepository(RegisteredMailingEntity);
    expect(await mailings.findOneByOrFail({ documentId: first.reference })).toMatchObject({ provider: 'http', status: 'submitted', trackingNumber: 'LRE-000001', attempts: 2 });

    const confirmed: PostingToConfirm[] = [];
    let workflowReady = false;
    const confirm = async (posting: PostingToConfirm) => {
      confirmed.push(posting);
      return workflowReady ? { outcome: 'confirmed' as const } : { outcome: 'not_yet' as const, detail: 'REGISTERED_LETTER.NOT_PRODUCED: not yet' };
    };
    expect(await relayPostingConfirmations({ dataSource, provider, confirm })).toEqual({ posted: 0, confirmed: 0, abandoned: 0 });
    expect(fake.gets).toEqual(['LRE-000001']);
    fake.postedOn = '2026-03-10';
    expect(await relayPostingConfirmations({ dataSource, provider, confirm })).toEqual({ posted: 1, confirmed: 0, abandoned: 0 });
    workflowReady = true;
    expect(await relayPostingConfirmations({ dataSource, provider, confirm })).toEqual({ posted: 0, confirmed: 1, abandoned: 0 });
    expect(confirmed.at(-1)).toEqual({ workflowId: inv.workflowId, step: 'formal_notice', trackingNumber: 'LRE-000001', postedOn: '2026-03-10', by: 'registered-mail-relay' });
    expect(await mailings.findOneByOrFail({ documentId: first.reference })).toMatchObject({ status: 'confirmed', postedOn: '2026-03-10' });
    expect(await relayPostingConfirmations({ dataSource, provider, confirm })).toEqual({ posted: 0, confirmed: 0, abandoned: 0 });
  });

  it('fails for good, with REGISTERED_MAIL.REJECTED, when the service refuses the letter', async () => {
    const viaHttp = createActivities({ dataSource, mailer, registeredMail: createHttpRegisteredMail({ url: fake.url, apiKey: 'test-key' }) });
    const inv = await invoice({ debtorEmail: 'refused@boulangeries-martin.example' });
    fake.nextPostStatus = [422];
    const step = request(inv, { step: 'registered_warning', channel: 'registered_letter', template: 'registered_warning', stepDate: '2026-02-24', payBy: '2026-03-04' });
    await expect(viaHttp.produceRegisteredWarningLetter(step)).rejects.toMatchObject({ type: 'REGISTERED_MAIL.REJECTED', nonRetryable: true });
  });

  it('numbers penalty invoices in a gapless series per creditor and year, and e-mails them', async () => {
    const a = await invoice({ debtorEmail: 'penalty-a@boulangeries-martin.example' });
    const b = await invoice({ debtorEmail: 'penalty-b@boulangeries-martin.example' });
    const step = (inv: InvoiceEntity) =>
      request(inv, { step: 'penalty_invoice', channel: 'penalty_invoice', template: 'penalty_invoice', tone: 'formal', stepDate: '2026-03-09', payBy: null });
    const first = await activities.producePenaltyInvoice(step(a));
    await activities.producePenaltyInvoice(step(a));
    const second = await activities.producePenaltyInvoice(step(b));
    const documents = dataSource.getRepository(DunningDocumentEntity);
    expect((await documents.findOneByOrFail({ id: first.reference })).number).toBe('PEN-2026-0001');
    expect((await documents.findOneByOrFail({ id: second.reference })).number).toBe('PEN-2026-0002');

    const expected = engine(120_000, '2026-02-09', '2026-03-09');
    const [sent] = await mailsTo('penalty-a@boulangeries-martin.example');
    expect(sent.subject).toBe(`Facture PEN-2026-0001 : pénalités de retard, facture ${a.invoiceNumber}`);
    expect(sent.text).toContain(`Total à payer (non soumis à la TVA) : ${frMoney(expected.interestCents + 4_000)}`);
    expect(sent.text).toContain('Référence à indiquer : PEN-2026-0001');
    const text = await pdfText((await attachmentOf(sent)).content);
    expect(text).toContain('PEN-2026-0001');
    expect(text).toContain(squash(frMoney(expected.interestCents + 4_000)));
  });

  it('writes to a debtor without a customer record by e-mail, but needs a postal address for a registered letter', async () => {
    const inv = await invoice({ customerId: 'UNKNOWN', debtorName: 'Épicerie Sans Fiche', debtorEmail: 'nofile@epicerie.example' });
    await activities.produceWrittenReminderLetter(request(inv));
    const [sent] = await mailsTo('nofile@epicerie.example');
    const text = await pdfText((await attachmentOf(sent)).content);
    expect(text).toContain(squash('Épicerie Sans Fiche'));
    expect(text).toContain(squash('Par courriel : nofile@epicerie.example'));

    const warning = request(inv, { step: 'registered_warning', channel: 'registered_letter', template: 'registered_warning', stepDate: '2026-02-24' });
    await expect(activities.produceRegisteredWarningLetter(warning)).rejects.toMatchObject({ type: 'DEBTOR.ADDRESS_MISSING', nonRetryable: true });
  });

  it('counts a partial payment as received on the due date when the workflow does not send the payments', async () => {
    const inv = await invoice({ debtorEmail: 'partial@boulangeries-martin.example' });
    await activities.produceWrittenReminderLetter(request(inv, { balanceCents: 70_000 }));
    const document = await dataSource.getRepository(DunningDocumentEntity).findOneByOrFail({ invoiceId: inv.id });
    const expected = engine(120_000, '2026-02-09', '2026-02-17', [{ amountCents: 50_000, date: '2026-02-09' }]);
    expect(document.amounts).toMatchObject({ principalCents: 70_000, interestCents: expected.interestCents, indemnityCents: 4_000 });

    // With the payments in the request, their value dates count.
    const withPayments = await invoice({ debtorEmail: 'partial2@boulangeries-martin.example' });
    const payments = [{ amountCents: 50_000, date: '2026-02-14' }];
    await activities.produceWrittenReminderLetter(request(withPayments, { balanceCents: 70_000, payments }));
    const exact = await dataSource.getRepository(DunningDocumentEntity).findOneByOrFail({ invoiceId: withPayments.id });
    expect(exact.amounts?.interestCents).toBe(engine(120_000, '2026-02-09', '2026-02-17', payments).interestCents);
    expect(exact.amounts!.interestCents).toBeGreaterThan(document.amounts!.interestCents);
  });
});
