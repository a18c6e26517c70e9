import type { DataSource } from 'typeorm';
import { mailpitDeliveryLookup, type DeliveryLookup } from '../../src/activities/mail/delivery-lookup';
import { createSmtpMailer, type Mailer } from '../../src/activities/mail/mailer';
import { sendStepEmailOnce, stableMessageId, type StepEmail } from '../../src/activities/mail/send-step-email';
import { createDataSource } from '../../src/db/data-source';
import type { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import type { RunningPostgres } from '../../src/dev/embedded-postgres';
import { freePort } from '../../src/dev/free-port';
import { MailCatcher } from '../../src/dev/mail-catcher/mail-catcher';
import { saveInvoice } from '../support/letter-fixtures';
import { startTestPostgres } from '../support/test-stack';

// The window a killed worker leaves: the SMTP server answered 250, and the process died before its
// COMMIT recorded it. Seen from the database and the mail server, that is an attempt whose
// transaction rolled back after the message was delivered — what `deliveredThenCutOff` does.

const FROM = 'Relance <relance@localhost>';

describe('an e-mail step sent once, on PostgreSQL and a real SMTP server', () => {
  let postgres: RunningPostgres;
  let dataSource: DataSource;
  let mail: MailCatcher;
  let invoice: InvoiceEntity;
  let sequence = 0;

  beforeAll(async () => {
    [postgres, mail] = await Promise.all([startTestPostgres(), MailCatcher.start({ smtpPort: 0, viewerPort: 0 })]);
    dataSource = await createDataSource(postgres.url).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    invoice = await saveInvoice(dataSource, 'F-2026-0042', { stage: 'reminder_sent' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await Promise.all([mail?.stop(), postgres?.stop()]);
  });

  const nextKey = () => `${invoice.workflowId}:first_reminder:${++sequence}`;
  const email = (): StepEmail => ({ invoiceId: invoice.id, step: 'first_reminder', to: invoice.debtorEmail, subject: `Relance facture F-2026-0042 (${sequence})`, text: 'Bonjour', html: '<p>Bonjour</p>' });
  const copiesOf = (key: string) => mail.withMessageId(stableMessageId(key).slice(1, -1)).length;
  const statusOf = async (key: string) => ((await dataSource.query(`SELECT status FROM sent_emails WHERE idempotency_key = $1`, [key])) as { status: string }[]).map((row) => row.status);

  /** Mailers opened by a test, closed after it. */
  const opened: Mailer[] = [];
  const smtpMailer = (holds?: DeliveryLookup): Mailer => {
    const mailer = createSmtpMailer(mail.smtpUrl, FROM, { holds });
    opened.push(mailer);
    return mailer;
  };
  afterEach(() => opened.splice(0).forEach((mailer) => mailer.close()));
  const send = (mailer: Mailer, key: string) => sendStepEmailOnce(dataSource, mailer, key, email());

  /** Delivers the message for real, then fails as a process dying before its COMMIT would. */
  const deliveredThenCutOff = (mailer: Mailer): Mailer => ({
    ...mailer,
    async send(outgoing) {
      await mailer.send(outgoing);
      throw new Error('worker killed after the 250');
    },
  });

  it('records an e-mail the server already holds as sent, without sending it again, when the mail side can be asked', async () => {
    const mailer = smtpMailer(mailpitDeliveryLookup(mail.viewerUrl));
    const key = nextKey();
    await expect(send(deliveredThenCutOff(mailer), key)).rejects.toThrow('worker killed');
    expect(copiesOf(key)).toBe(1);
    expect(await statusOf(key)).toEqual(['sending']);

    await expect(send(mailer, key)).resolves.toEqual({ messageId: stableMessageId(key), alreadySent: true });
    expect(copiesOf(key)).toBe(1);
    expect(await statusOf(key)).toEqual(['sent']);
  });

  it('sends on the retry an e-mail that an earlier attempt did not get through', async () => {
    const mailer = smtpMailer(mailpitDeliveryLookup(mail.viewerUrl));
    const key = nextKey();
    const failing: Mailer = { ...mailer, send: () => Promise.reject(new Error('connection reset before DATA')) };
    await expect(send(failing, key)).rejects.toThrow('connection reset');
    expect(copiesOf(key)).toBe(0);

    await expect(send(mailer, key)).resolves.toEqual({ messageId: stableMessageId(key), alreadySent: false });
    await expect(send(mailer, key)).resolves.toEqual({ messageId: stableMessageId(key), alreadySent: true });
    expect(copiesOf(key)).toBe(1);
    expect(await statusOf(key)).toEqual(['sent']);
  });

  it('fails the attempt, sending nothing, while the mail side cannot be asked', async () => {
    const closedPort = await freePort(); // nothing listens there: connection refused
    const unreachable = mailpitDeliveryLookup(`http://127.0.0.1:${closedPort}`);
    const mailer = smtpMailer(unreachable);
    const key = nextKey();
    await expect(send(deliveredThenCutOff(mailer), key)).rejects.toThrow('worker killed');
    await expect(send(mailer, key)).rejects.toThrow(`MAIL_DELIVERY_LOOKUP_URL http://127.0.0.1:${closedPort} cannot be asked (ECONNREFUSED)`);
    expect(copiesOf(key)).toBe(1);
    expect(await statusOf(key)).toEqual(['sending']);
  });

  it('sends it again, with the same Message-ID, when nothing can be asked (a plain relay)', async () => {
    const mailer = smtpMailer();
    const key = nextKey();
    await expect(send(deliveredThenCutOff(mailer), key)).rejects.toThrow('worker killed');
    await expect(send(mailer, key)).resolves.toEqual({ messageId: stableMessageId(key), alreadySent: false });
    expect(copiesOf(key)).toBe(2);
    expect(await statusOf(key)).toEqual(['sent']);
  });
});
