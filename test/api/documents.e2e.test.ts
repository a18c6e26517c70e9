import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createActivities, type DunningStepRequest } from '../../src/activities';
import type { Mailer, OutgoingMail } from '../../src/activities/mail/mailer';
import { ErrorFilter } from '../../src/api/common/error.filter';
import { createValidationPipe } from '../../src/api/common/validation';
import { CoreModule } from '../../src/api/core.module';
import { DocumentsModule } from '../../src/api/documents/documents.module';
import { loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { DunningDocumentEntity } from '../../src/db/entities/dunning-document.entity';
import type { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import type { RunningPostgres } from '../../src/dev/embedded-postgres';
import { saveCreditor, saveCustomer, saveInvoice } from '../support/letter-fixtures';
import { startTestPostgres, startTestStack, type TestStack } from '../support/test-stack';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** supertest buffers text; a PDF is read as raw bytes. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A creditor, its customer, an invoice and its written reminder, rendered (and e-mailed through `mailer`). */
async function writtenReminderOn(dataSource: DataSource, mailer: Mailer): Promise<{ invoice: InvoiceEntity; documentId: string }> {
  await saveCreditor(dataSource, 'acme');
  await saveCustomer(dataSource, 'acme', 'CUST-1');
  const invoice = await saveInvoice(dataSource, 'F-DOC-1');
  const step: DunningStepRequest = {
    dunningId: invoice.workflowId,
    invoiceId: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    plan: { name: 'fr-b2b-default', version: 1 },
    step: 'written_reminder',
    channel: 'letter',
    template: 'written_reminder',
    tone: 'firm',
    stepDate: '2026-02-17',
    invoiceTotalCents: 120_000,
    balanceCents: 120_000,
    currency: 'EUR',
    dueDate: '2026-02-09',
    payBy: '2026-02-24',
    completeBy: null,
    penalties: { status: 'computed', asOf: '2026-02-17', rule: 'FR_B2B_ECB_PLUS_10', interestCents: 320, indemnityCents: 4_000, totalCents: 4_320 },
    previousReminderDates: [],
    registeredLetter: null,
  };
  const activities = createActivities({ dataSource, mailer });
  const documentId = (await activities.produceWrittenReminderLetter(step)).reference;
  return { invoice, documentId };
}

// GET /v1/documents/:id and /content over HTTP, on a real PostgreSQL, serving the PDF a letter step
// rendered and e-mailed. The documents module alone (with the global core module it relies on), so
// the test does not depend on how the rest of the API authenticates.
describe('documents API', () => {
  let postgres: RunningPostgres;
  let dataSource: DataSource;
  let app: INestApplication;
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => void sent.push(mail), close: () => undefined };
  let documentId: string;
  let awaitingId: string;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    dataSource = await createDataSource(postgres.url, { poolSize: 3 }).initialize();
    await dataSource.runMigrations();
    const { invoice, documentId: id } = await writtenReminderOn(dataSource, mailer);
    documentId = id;
    // A step that stopped before its PDF (RATE.MISSING…) leaves its row awaiting the PDF.
    const awaiting = await dataSource.getRepository(DunningDocumentEntity).save({
      documentKey: `${invoice.workflowId}/registered_warning`,
      dunningId: invoice.workflowId,
      invoiceId: invoice.id,
      step: 'registered_warning',
      kind: 'registered_warning',
      tone: 'firm',
      documentDate: '2026-02-24',
      payBy: null,
      balanceCents: 120_000,
      currency: 'EUR',
      details: {},
      status: 'awaiting_pdf',
    });
    awaitingId = awaiting.id;

    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: postgres.url, PORT: '0' });
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.register({ config, dataSource, temporalClient: {} as Client }), DocumentsModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ErrorFilter());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await postgres?.stop();
  });

  it('downloads the PDF: the bytes the debtor received, their SHA-256 as ETag, the file name', async () => {
    const stored = await dataSource
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :id', { id: documentId })
      .getOneOrFail();
    const res = await request(app.getHttpServer()).get(`/v1/documents/${documentId}/content`).buffer(true).parse(binary).expect(200);
    const body = res.body as Buffer;
    expect(sha256(body)).toBe(stored.sha256);
    expect(body.equals(stored.content as Buffer)).toBe(true);
    expect(body.equals(sent[0].attachments![0].content)).toBe(true); // the attachment the debtor got
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(body.length),
      'content-disposition': `attachment; filename="2026-02-17_relance_F-DOC-1.pdf"; filename*=UTF-8''2026-02-17_relance_F-DOC-1.pdf`,
      etag: `"${stored.sha256}"`,
      'repr-digest': `sha-256=:${Buffer.from(stored.sha256!, 'hex').toString('base64')}:`,
      'cache-control': 'private, no-cache',
    });

    // A copy already held is not sent again.
    const again = await request(app.getHttpServer()).get(`/v1/documents/${documentId}/content`).set('If-None-Match', `"${stored.sha256}"`).expect(304);
    expect(again.headers.etag).toBe(`"${stored.sha256}"`);
    await request(app.getHttpServer()).get(`/v1/documents/${documentId}/content`).set('If-None-Match', '"something-else"').expect(200);
  });

  it('describes the document: what it states and its checksum', async () => {
    const res = await request(app.getHttpServer()).get(`/v1/documents/${documentId}`).expect(200);
    expect(res.body).toMatchObject({
      id: documentId,
      kind: 'written_reminder',
      status: 'rendered',
      documentDate: '2026-02-17',
      language: 'fr',
      fileName: '2026-02-17_relance_F-DOC-1.pdf',
      contentType: 'application/pdf',
      checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      amounts: expect.objectContaining({ principalCents: 120_000, indemnityCents: 4_000 }),
      registeredMail: null,
      contentUrl: `/v1/documents/${documentId}/content`,
    });
  });

  it('answers 404 for an unknown document, 409 for one without its PDF, 422 for a malformed id', async () => {
    const unknown = await request(app.getHttpServer()).get('/v1/documents/00000000-0000-4000-8000-000000000000/content').expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'DOCUMENT.NOT_FOUND' });
    await request(app.getHttpServer()).get('/v1/documents/00000000-0000-4000-8000-000000000000').expect(404);
    const awaiting = await request(app.getHttpServer()).get(`/v1/documents/${awaitingId}/content`).expect(409);
    expect(awaiting.body.error).toMatchObject({ code: 'DOCUMENT.NOT_RENDERED' });
    const bad = await request(app.getHttpServer()).get('/v1/documents/not-a-uuid/content').expect(422);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION.FAILED', details: [{ path: 'id', issue: 'id must be a UUID' }] });
  });
});

// The same route in the whole API, behind its API keys: operators print the letters, so their keys
// may download them; integrator keys and anonymous callers may not.
describe('documents API in the full application', () => {
  let stack: TestStack;
  let documentId: string;
  let expectedSha: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const mailer: Mailer = { send: async () => undefined, close: () => undefined };
    documentId = (await writtenReminderOn(stack.dataSource, mailer)).documentId;
    expectedSha = (await stack.dataSource.getRepository(DunningDocumentEntity).findOneByOrFail({ id: documentId })).sha256!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lets operator keys download, refuses integrator keys and callers without a key', async () => {
    const url = `/v1/documents/${documentId}/content`;
    const operator = await stack.createKey('operator');
    const res = await request(stack.server).get(url).set('Authorization', `Bearer ${operator}`).buffer(true).parse(binary).expect(200);
    expect(sha256(res.body as Buffer)).toBe(expectedSha);
    expect(res.headers.etag).toBe(`"${expectedSha}"`);
    await request(stack.server).get(url).expect(401);
    const integrator = await stack.createKey('integrator', { creditorId: 'acme' });
    await request(stack.server).get(url).set('Authorization', `Bearer ${integrator}`).expect(403);
  });
});
