/**
 * The escalation step against a real PostgreSQL and SMTP: the ZIP holds the summary, every letter
 * PDF byte for byte, the proofs of posting and the penalty statement; it is stored once however
 * often the activity runs; the collection partner gets one signed webhook, and a 4xx fails for good.
 */
import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import type { DataSource } from 'typeorm';
import { createActivities, type DunningStepRequest } from '../../src/activities';
import { createSmtpMailer, type Mailer } from '../../src/activities/mail/mailer';
import { computePenalties } from '../../src/domain/penalties';
import { createDataSource } from '../../src/db/data-source';
import { DunningDocumentEntity } from '../../src/db/entities/dunning-document.entity';
import { DunningEventEntity } from '../../src/db/entities/dunning-event.entity';
import type { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { RegisteredMailingEntity } from '../../src/db/entities/registered-mailing.entity';
import type { RunningPostgres } from '../../src/dev/embedded-postgres';
import { MailCatcher } from '../../src/dev/mail-catcher/mail-catcher';
import { saveCreditor, saveCustomer, saveInvoice, writtenReminderRequest } from '../support/letter-fixtures';
import { startTestPostgres } from '../support/test-stack';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const SECRET = 'partner-secret-0123456789';

class FakePartner {
  readonly received: Array<{ headers: http.IncomingHttpHeaders; raw: string }> = [];
  nextStatus: number[] = [];
  private server!: http.Server;
  url = '';
  async start() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.nextStatus.shift() ?? 202, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/relance`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('escalation file on PostgreSQL', () => {
  let postgres: RunningPostgres;
  let dataSource: DataSource;
  let mail: MailCatcher;
  let mailer: Mailer;
  const partner = new FakePartner();
  let count = 0;

  async function invoice(): Promise<InvoiceEntity> {
    count++;
    return saveInvoice(dataSource, `F-ESC-${count}`, { debtorEmail: `esc${count}@boulangeries-martin.example` });
  }

  const request = writtenReminderRequest;

  /** A dunning with a written reminder (e-mailed) and a formal notice (print queue, then posted by an operator). */
  async function dunningWithLetters(activities: ReturnType<typeof createActivities>) {
    const inv = await invoice();
    const written = await activities.produceWrittenReminderLetter(request(inv, {}));
    const notice = await activities.produceFormalNotice(
      request(inv, { step: 'formal_notice', template: 'formal_notice', channel: 'registered_letter', tone: 'formal', stepDate: '2026-03-02', payBy: '2026-03-10' }),
    );
    await dataSource
      .getRepository(RegisteredMailingEntity)
      .update({ documentId: notice.reference }, { status: 'confirmed', trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-03' });
    await dataSource.getRepository(DunningEventEntity).save([
      { dunningId: inv.workflowId, seq: 1, invoiceId: inv.id, kind: 'step_done', step: 'written_reminder', summary: 'Written reminder sent', actor: null, occurredAt: new Date('2026-02-17T08:00:00Z') },
      { dunningId: inv.workflowId, seq: 2, invoiceId: inv.id, kind: 'registered_letter_posted', step: 'formal_notice', summary: 'Formal notice posted', actor: 'operator@acme', occurredAt: new Date('2026-03-03T10:00:00Z') },
    ]);
    const escalation = request(inv, {
      step: 'collection_handover',
      template: 'collection_handover',
      channel: 'task' as DunningStepRequest['channel'],
      tone: 'formal',
      stepDate: '2026-03-20',
      payBy: null,
    });
    return { inv, written, notice, escalation };
  }

  beforeAll(async () => {
    [postgres, mail] = await Promise.all([startTestPostgres(), MailCatcher.start({ smtpPort: 0, viewerPort: 0 }), partner.start()]);
    dataSource = await createDataSource(postgres.url, { poolSize: 4 }).initialize();
    await dataSource.runMigrations();
    mailer = createSmtpMailer(mail.smtpUrl, 'Atelier Lumière <relances@atelier-lumiere.example>');
    await saveCreditor(dataSource, 'acme');
    await saveCustomer(dataSource, 'acme', 'CUST-1');
  });

  afterAll(async () => {
    mailer?.close();
    await dataSource?.destroy();
    await Promise.allSettled([mail?.stop(), postgres?.stop(), partner.stop()]);
  });

  it('builds the ZIP once with the summary, every letter, the proofs of posting and the penalty statement, and signs one webhook', async () => {
    const activities = createActivities({ dataSource, mailer, publicUrl: 'https://relance.example', collectionPartner: { webhookUrl: partner.url, webhookSecret: SECRET } });
    const { inv, written, notice, escalation } = await dunningWithLetters(activities);
    partner.received.length = 0;

    const first = await activities.handOverForEscalation(escalation);
    const retry = await activities.handOverForEscalation(escalation);
    expect(first.alreadyDone).toBe(false);
    expect(retry).toEqual({ reference: first.reference, alreadyDone: true });

    const files = await dataSource
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.invoice_id = :id AND d.kind = :kind', { id: inv.id, kind: 'escalation_file' })
      .getMany();
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatchObject({ id: first.reference, status: 'rendered', contentType: 'application/zip', documentKey: `${inv.workflowId}/collection_handover` });
    expect(file.sha256).toBe(sha256(file.content as Buffer));

    const zip = await JSZip.loadAsync(file.content as Buffer);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      expect.arrayContaining(['summary.md', 'summary.json', 'proofs-of-posting.csv', 'penalty-statement.csv', 'SHA256SUMS']),
    );
    const summary = JSON.parse(await zip.file('summary.json')!.async('string'));
    expect(summary.creditor).toMatchObject({ id: 'acme', legalName: 'Atelier Numérique Lumière SAS', iban: 'FR7630006000011234567890189' });
    expect(summary.debtor).toMatchObject({ name: 'Boulangeries Martin & Fils SARL', customerId: 'CUST-1', registrationNumber: '44306184100047' });
    expect(summary.invoices).toEqual([expect.objectContaining({ id: inv.id, number: inv.invoiceNumber, totalCents: 120_000, balanceCents: 120_000 })]);

    // The penalty statement: the engine's lines as of the escalation date.
    const expected = computePenalties({ jurisdiction: 'FR', debtorType: 'business', amountCents: 120_000, currency: 'EUR', dueDate: '2026-02-09', payments: [], asOf: '2026-03-20' });
    expect(expected.interestCents).toBeGreaterThan(0);
    expect(summary.amounts).toEqual({ currency: 'EUR', principalCents: 120_000, interestCents: expected.interestCents, indemnityCents: 4_000, totalDueCents: 124_000 + expected.interestCents });
    expect(summary.penaltyStatement.asOf).toBe('2026-03-20');
    expect(summary.penaltyStatement.lines).toEqual(
      expected.segments.map((s) => ({ from: s.from, to: s.to, days: s.days, baseCents: s.baseCents, ratePercent: s.ratePercent, interestCents: s.interestCents })),
    );
    const statementCsv = await zip.file('penalty-statement.csv')!.async('string');
    for (const s of expected.segments) expect(statementCsv).toContain(`${s.from},${s.to},${s.days},${s.baseCents},${s.ratePercent},${s.interestCents}`);

    // Every letter PDF, byte for byte.
    const letters = await dataSource
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('d')
      .where('d.id IN (:...ids)', { ids: [written.reference, notice.reference] })
      .getMany();
    expect(summary.letters).toHaveLength(2);
    for (const letter of letters) {
      const entry = summary.letters.find((l: { documentId: string }) => l.documentId === letter.id);
      expect(entry.sha256).toBe(letter.sha256);
      const bytes = await zip.file(entry.file)!.async('nodebuffer');
      expect(sha256(bytes)).toBe(letter.sha256);
    }
    // Proofs of posting and the timeline.
    expect(summary.proofsOfPosting).toEqual([
      expect.objectContaining({ documentId: notice.reference, step: 'formal_notice', trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-03' }),
    ]);
    expect(await zip.file('proofs-of-posting.csv')!.async('string')).toContain('1A 234 567 8901 2,2026-03-03');
    const sources = summary.timeline.map((t: { source: string }) => t.source);
    expect(sources).toEqual(expect.arrayContaining(['dunning_event', 'email', 'letter', 'registered_mail']));
    expect(summary.timeline.filter((t: { source: string }) => t.source === 'email')).toHaveLength(2); // written reminder + formal notice copy
    expect(summary.timeline.map((t: { at: string }) => t.at)).toEqual([...summary.timeline.map((t: { at: string }) => t.at)].sort());
    const markdown = await zip.file('summary.md')!.async('string');
    expect(markdown).toContain('1A 234 567 8901 2');
    expect(markdown).toContain(inv.invoiceNumber);
    const sums = await zip.file('SHA256SUMS')!.async('string');
    for (const line of sums.trim().split('\n')) {
      const [hash, name] = line.split('  ');
      expect(sha256(await zip.file(name)!.async('nodebuffer'))).toBe(hash);
    }

    // One webhook, signed, with the document's checksum and link.
    expect(partner.received).toHaveLength(1);
    const [hook] = partner.received;
    const body = JSON.parse(hook.raw);
    expect(body).toEqual({
      event: 'escalation_file.ready',
      invoiceId: inv.id,
      invoiceNumber: inv.invoiceNumber,
      documentId: file.id,
      sha256: file.sha256,
      downloadUrl: `https://relance.example/v1/documents/${file.id}/content`,
    });
    expect(hook.headers['idempotency-key']).toBe(`${inv.workflowId}/collection_handover`);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hook.headers['x-relance-signature']));
    expect(match).not.toBeNull();
    expect(Math.abs(Number(match![1]) - Date.now() / 1000)).toBeLessThan(60);
    expect(match![2]).toBe(createHmac('sha256', SECRET).update(`${match![1]}.${hook.raw}`).digest('hex'));
    const [recorded] = await dataSource.query(`SELECT status, attempts, last_http_status FROM collection_partner_notifications WHERE document_id = $1`, [file.id]);
    expect(recorded).toEqual({ status: 'delivered', attempts: 1, last_http_status: 202 });
  });

  it('records a skipped notification when no partner is configured', async () => {
    const activities = createActivities({ dataSource, mailer, publicUrl: 'https://relance.example' });
    const { escalation } = await dunningWithLetters(activities);
    partner.received.length = 0;
    const outcome = await activities.handOverForEscalation(escalation);
    expect(partner.received).toHaveLength(0);
    const [recorded] = await dataSource.query(`SELECT status FROM collection_partner_notifications WHERE document_id = $1`, [outcome.reference]);
    expect(recorded).toEqual({ status: 'skipped' });
  });

  it('retries a 5xx, and fails for good on a 4xx without building a second file', async () => {
    const activities = createActivities({ dataSource, mailer, publicUrl: 'https://relance.example', collectionPartner: { webhookUrl: partner.url, webhookSecret: SECRET } });
    const { inv, escalation } = await dunningWithLetters(activities);
    partner.received.length = 0;
    partner.nextStatus = [503, 400];
    await expect(activities.handOverForEscalation(escalation)).rejects.toMatchObject({ type: 'COLLECTION_PARTNER.UNAVAILABLE', nonRetryable: false });
    await expect(activities.handOverForEscalation(escalation)).rejects.toMatchObject({ type: 'COLLECTION_PARTNER.REJECTED', nonRetryable: true });
    expect(partner.received).toHaveLength(2);
    expect(partner.received[0].raw).toBe(partner.received[1].raw);
    expect(await dataSource.getRepository(DunningDocumentEntity).countBy({ invoiceId: inv.id, kind: 'escalation_file' })).toBe(1);
    const [recorded] = await dataSource.query(
      `SELECT n.status, n.attempts, n.last_http_status FROM collection_partner_notifications n JOIN dunning_documents d ON d.id = n.document_id WHERE d.invoice_id = $1`,
      [inv.id],
    );
    expect(recorded).toEqual({ status: 'rejected', attempts: 2, last_http_status: 400 });
  });
});
