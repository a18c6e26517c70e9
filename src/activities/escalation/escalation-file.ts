/**
 * The escalation file (issue 4): once the formal notice's deadline has passed, everything a
 * collection agency or a court (injonction de payer) needs, in one ZIP stored like the letters —
 * a dunning_documents row of kind 'escalation_file', keyed by dunning and step, with its SHA-256 —
 * so a retried activity gets the same bytes back and never produces a second file.
 *
 * The ZIP:
 *   summary.md, summary.json   creditor, debtor, invoice, amounts (principal, interest, indemnity),
 *                              the letters with their checksums and proofs of posting, the timeline
 *   letters/NN_<file>.pdf      every letter PDF of the dunning, byte for byte as sent
 *   proofs-of-posting.csv      registered letters: tracking number, posting date, provider, status
 *   penalty-statement.csv      the penalty engine's lines as of the escalation date
 *   SHA256SUMS                 the checksum of every other entry (sha256sum -c)
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import JSZip from 'jszip';
import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { loadOperatorRates } from '../../db/operator-rates';
import { DunningDocumentEntity } from '../../db/entities/dunning-document.entity';
import { DunningEventEntity } from '../../db/entities/dunning-event.entity';
import type { CreditorEntity } from '../../db/entities/creditor.entity';
import type { CustomerEntity } from '../../db/entities/customer.entity';
import type { InvoiceEntity } from '../../db/entities/invoice.entity';
import { RegisteredMailingEntity } from '../../db/entities/registered-mailing.entity';
import { SentEmailEntity } from '../../db/entities/sent-email.entity';
import { formatMoney } from '../../domain/money';
import { computePenalties, InvalidPenaltyInputError, type PenaltyResult } from '../../domain/penalties';
import { MissingRateError } from '../../domain/rates';
import { documentKeyOf } from '../documents/dunning-documents';
import { loadParties, penaltyInputFor } from '../documents/letter-data';
import type { DunningStepRequest } from '../dunning-activity-types';

export const ESCALATION_FILE_KIND = 'escalation_file';
export const ZIP_CONTENT_TYPE = 'application/zip';

export interface EscalationFile {
  id: string;
  fileName: string;
  sha256: string;
  byteSize: number;
  /** True when an earlier attempt had built it (these are its bytes). */
  alreadyBuilt: boolean;
}

interface LetterRow {
  id: string;
  step: string;
  kind: string;
  documentDate: string;
  fileName: string;
  sha256: string;
  content: Buffer;
  renderedAt: Date | null;
  zipPath: string;
}

export interface EscalationSummary {
  format: 'relance.escalation_file/1';
  escalationDate: string;
  dunningId: string;
  step: string;
  plan: DunningStepRequest['plan'];
  creditor: {
    id: string;
    legalName: string;
    registrationNumber: string | null;
    vatNumber: string | null;
    address: unknown;
    competentCourt: string | null;
    iban: string | null;
    bic: string | null;
    billingContact: { name: string | null; email: string | null; phone: string | null };
  };
  debtor: {
    name: string;
    email: string;
    customerId: string;
    type: string | null;
    registrationNumber: string | null;
    vatNumber: string | null;
    billingAddress: unknown;
    registeredOffice: unknown;
  };
  invoices: Array<{ id: string; number: string; issueDate: string; dueDate: string; totalCents: number; netCents: number; balanceCents: number; currency: string }>;
  amounts: { currency: string; principalCents: number; interestCents: number; indemnityCents: number; totalDueCents: number };
  penaltyStatement: {
    asOf: string;
    rule: string;
    accrualStartsAfter: string | null;
    outstandingCents: number;
    interestCents: number;
    indemnityCents: number;
    lines: Array<{ from: string; to: string; days: number; baseCents: number; ratePercent: string; interestCents: number }>;
  };
  letters: Array<{ documentId: string; step: string; kind: string; date: string; file: string; sha256: string; registeredMail: ProofOfPosting | null }>;
  proofsOfPosting: ProofOfPosting[];
  timeline: TimelineEntry[];
  notIncluded: string[];
}

export interface ProofOfPosting {
  documentId: string;
  step: string;
  provider: string;
  status: string;
  trackingNumber: string | null;
  postedOn: string | null;
}

export interface TimelineEntry {
  /** A calendar date (letters, postings) or an ISO timestamp (events, e-mails). */
  at: string;
  source: 'dunning_event' | 'email' | 'letter' | 'registered_mail';
  step: string | null;
  what: string;
  /** What proves it: a Message-ID, a file and its SHA-256, a tracking number. */
  proof: string | null;
}

const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The escalation file of this step: built once and stored, or the one an earlier attempt stored. */
export async function produceEscalationFileOnce(dataSource: DataSource, request: DunningStepRequest, invoice: InvoiceEntity): Promise<EscalationFile> {
  const repo = dataSource.getRepository(DunningDocumentEntity);
  const documentKey = documentKeyOf(request);
  const row: QueryDeepPartialEntity<DunningDocumentEntity> = {
    documentKey,
    dunningId: request.dunningId,
    invoiceId: request.invoiceId,
    step: request.step,
    kind: ESCALATION_FILE_KIND,
    tone: request.tone,
    documentDate: request.stepDate,
    payBy: request.payBy,
    balanceCents: request.balanceCents,
    currency: request.currency,
    details: { plan: request.plan, escalationDate: request.stepDate } as QueryDeepPartialEntity<DunningDocumentEntity>['details'],
    status: 'awaiting_pdf',
    creditorId: invoice.creditorId,
    language: invoice.debtorLanguage,
  };
  await repo.createQueryBuilder().insert().values(row).orIgnore().execute();
  const { id } = await repo.findOneByOrFail({ documentKey });

  return dataSource.transaction(async (manager) => {
    const existing = await manager
      .getRepository(DunningDocumentEntity)
      .createQueryBuilder('document')
      .where('document.id = :id', { id })
      .setLock('pessimistic_write')
      .getOneOrFail();
    if (existing.status === 'rendered') {
      return { id, fileName: existing.fileName as string, sha256: existing.sha256 as string, byteSize: existing.byteSize as number, alreadyBuilt: true };
    }
    const built = await buildEscalationZip(dataSource, request, invoice);
    const fileName = `${request.stepDate}_dossier-recouvrement_${invoice.invoiceNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.zip`;
    const sha256 = sha256Of(built.zip);
    await manager.update(DunningDocumentEntity, { id }, {
      status: 'rendered',
      renderedAt: new Date(),
      fileName,
      contentType: ZIP_CONTENT_TYPE,
      content: built.zip,
      byteSize: built.zip.length,
      sha256,
      subject: `Escalation file: invoice ${invoice.invoiceNumber}`,
      amounts: {
        principalCents: built.summary.amounts.principalCents,
        interestCents: built.summary.amounts.interestCents,
        indemnityCents: built.summary.amounts.indemnityCents,
        totalDueCents: built.summary.amounts.totalDueCents,
        penaltiesCents: built.summary.amounts.interestCents + built.summary.amounts.indemnityCents,
      },
    });
    return { id, fileName, sha256, byteSize: built.zip.length, alreadyBuilt: false };
  });
}

/** The penalties as of the escalation date, on the shipped rates plus the operators'. */
async function penaltyStatement(
  dataSource: DataSource,
  request: DunningStepRequest,
  invoice: InvoiceEntity,
  parties: { creditor: CreditorEntity; customer: CustomerEntity | null },
): Promise<PenaltyResult> {
  const operatorRates = await loadOperatorRates(dataSource);
  try {
    return computePenalties(penaltyInputFor(request, parties), { operatorRates });
  } catch (error) {
    if (error instanceof MissingRateError) {
      throw ApplicationFailure.nonRetryable(
        `Escalation file of invoice ${invoice.invoiceNumber}: the penalty statement cannot be computed, ${error.message}. Add the rate with POST /v1/rates, then hand the file over by hand`,
        'RATE.MISSING',
      );
    }
    if (error instanceof InvalidPenaltyInputError) {
      throw ApplicationFailure.nonRetryable(`Escalation file of invoice ${invoice.invoiceNumber}: ${error.message}`, 'PENALTIES.INVALID_INPUT');
    }
    throw error;
  }
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = (header: string[], rows: unknown[][]) => [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

/** Gathers the dunning's records and zips them (deterministic: entries dated the escalation day). */
export async function buildEscalationZip(
  dataSource: DataSource,
  request: DunningStepRequest,
  invoice: InvoiceEntity,
): Promise<{ zip: Buffer; summary: EscalationSummary; entries: string[] }> {
  const { creditor, customer } = await loadParties(dataSource, invoice);
  if (!creditor) {
    throw ApplicationFailure.nonRetryable(
      `No creditor profile "${invoice.creditorId}" for the escalation file of invoice ${invoice.invoiceNumber}: create it with PUT /v1/creditors/${invoice.creditorId}, then hand the file over by hand`,
      'CREDITOR.PROFILE_MISSING',
    );
  }
  const penalties = await penaltyStatement(dataSource, request, invoice, { creditor, customer });

  const documents = await dataSource
    .getRepository(DunningDocumentEntity)
    .createQueryBuilder('document')
    .addSelect('document.content')
    .where('document.dunning_id = :dunningId', { dunningId: request.dunningId })
    .andWhere('document.kind <> :kind', { kind: ESCALATION_FILE_KIND })
    .andWhere(`document.status = 'rendered'`)
    .orderBy('document.document_date', 'ASC')
    .addOrderBy('document.created_at', 'ASC')
    .getMany();
  const letters: LetterRow[] = documents.map((d, index) => ({
    id: d.id,
    step: d.step,
    kind: d.kind,
    documentDate: d.documentDate,
    fileName: d.fileName as string,
    sha256: d.sha256 as string,
    content: d.content as Buffer,
    renderedAt: d.renderedAt,
    zipPath: `letters/${String(index + 1).padStart(2, '0')}_${d.fileName}`,
  }));
  const mailings = await dataSource.getRepository(RegisteredMailingEntity).find({ where: { dunningId: request.dunningId }, order: { createdAt: 'ASC' } });
  const proofs: ProofOfPosting[] = mailings.map((m) => ({
    documentId: m.documentId,
    step: m.step,
    provider: m.provider,
    status: m.status,
    trackingNumber: m.trackingNumber,
    postedOn: m.postedOn,
  }));
  const emails = (await dataSource.getRepository(SentEmailEntity).find({ where: { invoiceId: invoice.id }, order: { createdAt: 'ASC' } })).filter(
    (e) => e.idempotencyKey.startsWith(`${request.dunningId}/`) && e.status === 'sent',
  );
  const events = await dataSource.getRepository(DunningEventEntity).find({ where: { dunningId: request.dunningId }, order: { seq: 'ASC' } });

  const timeline: TimelineEntry[] = [
    ...events.map((e) => ({ at: e.occurredAt.toISOString(), source: 'dunning_event' as const, step: e.step, what: `${e.kind}: ${e.summary}${e.actor ? ` (${e.actor})` : ''}`, proof: null })),
    ...emails.map((e) => ({
      at: (e.sentAt ?? e.createdAt).toISOString(),
      source: 'email' as const,
      step: e.step,
      what: `E-mail to ${e.recipient}: ${e.subject}`,
      proof: `Message-ID ${e.messageId}`,
    })),
    ...letters.map((l) => ({ at: l.documentDate, source: 'letter' as const, step: l.step, what: `Letter ${l.kind} dated ${l.documentDate}`, proof: `${l.zipPath} sha256:${l.sha256}` })),
    ...mailings
      .filter((m) => m.trackingNumber)
      .map((m) => ({
        at: m.postedOn ?? m.updatedAt.toISOString(),
        source: 'registered_mail' as const,
        step: m.step,
        what: m.postedOn ? `Registered letter posted on ${m.postedOn} (${m.provider})` : `Registered letter handed to ${m.provider} (not yet confirmed posted)`,
        proof: `tracking number ${m.trackingNumber}`,
      })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const principalCents = penalties.outstandingCents;
  const summary: EscalationSummary = {
    format: 'relance.escalation_file/1',
    escalationDate: request.stepDate,
    dunningId: request.dunningId,
    step: request.step,
    plan: request.plan,
    creditor: {
      id: creditor.id,
      legalName: creditor.legalName,
      registrationNumber: creditor.registrationNumber ?? null,
      vatNumber: creditor.vatNumber ?? null,
      address: creditor.address,
      competentCourt: creditor.competentCourt ?? null,
      iban: creditor.iban ?? null,
      bic: creditor.bic ?? null,
      billingContact: { name: creditor.billingContactName ?? null, email: creditor.billingContactEmail ?? null, phone: creditor.billingContactPhone ?? null },
    },
    debtor: {
      name: customer?.legalName ?? invoice.debtorName,
      email: invoice.debtorEmail,
      customerId: invoice.customerId,
      type: customer?.type ?? null,
      registrationNumber: customer?.registrationNumber ?? null,
      vatNumber: customer?.vatNumber ?? null,
      billingAddress: customer?.billingAddress ?? null,
      registeredOffice: customer?.registeredOffice ?? null,
    },
    invoices: [
      {
        id: invoice.id,
        number: invoice.invoiceNumber,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        totalCents: request.invoiceTotalCents,
        netCents: invoice.netCents,
        balanceCents: request.balanceCents,
        currency: request.currency,
      },
    ],
    amounts: {
      currency: request.currency,
      principalCents,
      interestCents: penalties.interestCents,
      indemnityCents: penalties.indemnityCents,
      totalDueCents: principalCents + penalties.interestCents + penalties.indemnityCents,
    },
    penaltyStatement: {
      asOf: request.stepDate,
      rule: penalties.rule,
      accrualStartsAfter: penalties.accrualStartsAfter,
      outstandingCents: penalties.outstandingCents,
      interestCents: penalties.interestCents,
      indemnityCents: penalties.indemnityCents,
      lines: penalties.segments.map((s) => ({ from: s.from, to: s.to, days: s.days, baseCents: s.baseCents, ratePercent: s.ratePercent, interestCents: s.interestCents })),
    },
    letters: letters.map((l) => ({
      documentId: l.id,
      step: l.step,
      kind: l.kind,
      date: l.documentDate,
      file: l.zipPath,
      sha256: l.sha256,
      registeredMail: proofs.find((p) => p.documentId === l.id) ?? null,
    })),
    proofsOfPosting: proofs,
    timeline,
    notIncluded: ['The invoice PDF and the terms of sale are not held by Relance: add them from the accounting system.'],
  };

  const entries = new Map<string, Buffer>();
  entries.set('summary.md', Buffer.from(summaryMarkdown(summary), 'utf8'));
  entries.set('summary.json', Buffer.from(JSON.stringify(summary, null, 2) + '\n', 'utf8'));
  for (const letter of letters) entries.set(letter.zipPath, letter.content);
  entries.set(
    'proofs-of-posting.csv',
    Buffer.from(
      csv(
        ['step', 'document_id', 'letter_file', 'letter_sha256', 'provider', 'status', 'tracking_number', 'posted_on'],
        proofs.map((p) => {
          const letter = letters.find((l) => l.id === p.documentId);
          return [p.step, p.documentId, letter?.zipPath ?? '', letter?.sha256 ?? '', p.provider, p.status, p.trackingNumber, p.postedOn];
        }),
      ),
      'utf8',
    ),
  );
  entries.set(
    'penalty-statement.csv',
    Buffer.from(
      csv(
        ['from', 'to', 'days', 'base_cents', 'rate_percent', 'interest_cents'],
        [
          ...summary.penaltyStatement.lines.map((l) => [l.from, l.to, l.days, l.baseCents, l.ratePercent, l.interestCents]),
          ['', '', '', '', 'interest', penalties.interestCents],
          ['', '', '', '', 'indemnity', penalties.indemnityCents],
        ],
      ),
      'utf8',
    ),
  );
  entries.set('SHA256SUMS', Buffer.from([...entries].map(([name, bytes]) => `${sha256Of(bytes)}  ${name}`).join('\n') + '\n', 'utf8'));

  const zip = new JSZip();
  const date = new Date(`${request.stepDate}T00:00:00Z`);
  for (const [name, bytes] of entries) zip.file(name, bytes, { date, binary: true });
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
  return { zip: buffer, summary, entries: [...entries.keys()] };
}

function summaryMarkdown(s: EscalationSummary): string {
  const money = (cents: number) => formatMoney(cents, s.amounts.currency, 'en');
  const invoice = s.invoices[0];
  const lines = [
    `# Escalation file — invoice ${invoice.number}`,
    '',
    `Prepared on ${s.escalationDate}, after the formal notice's deadline passed (dunning ${s.dunningId}, plan ${s.plan.name} v${s.plan.version}).`,
    '',
    '## Creditor',
    `${s.creditor.legalName} — registration ${s.creditor.registrationNumber ?? '—'}, VAT ${s.creditor.vatNumber ?? '—'}`,
    `Billing contact: ${[s.creditor.billingContact.name, s.creditor.billingContact.email, s.creditor.billingContact.phone].filter(Boolean).join(', ') || '—'}`,
    `Competent court: ${s.creditor.competentCourt ?? '—'}`,
    '',
    '## Debtor',
    `${s.debtor.name} (customer ${s.debtor.customerId}${s.debtor.type ? `, ${s.debtor.type}` : ''}) — registration ${s.debtor.registrationNumber ?? '—'}, e-mail ${s.debtor.email}`,
    '',
    '## Invoice',
    `| Number | Issued | Due | Total | Unpaid |`,
    `|---|---|---|---|---|`,
    ...s.invoices.map((i) => `| ${i.number} | ${i.issueDate} | ${i.dueDate} | ${money(i.totalCents)} | ${money(i.balanceCents)} |`),
    '',
    `## Amounts due on ${s.escalationDate}`,
    `- Principal: ${money(s.amounts.principalCents)}`,
    `- Late-payment interest: ${money(s.amounts.interestCents)}`,
    `- Flat recovery indemnity: ${money(s.amounts.indemnityCents)}`,
    `- Total: ${money(s.amounts.totalDueCents)}`,
    '',
    `## Penalty statement (${s.penaltyStatement.rule}, as of ${s.penaltyStatement.asOf})`,
    `| From | To | Days | Base | Rate | Interest |`,
    `|---|---|---|---|---|---|`,
    ...s.penaltyStatement.lines.map((l) => `| ${l.from} | ${l.to} | ${l.days} | ${money(l.baseCents)} | ${l.ratePercent} % | ${money(l.interestCents)} |`),
    '',
    '## Letters and proofs of posting',
    ...(s.letters.length === 0 ? ['No letter was produced.'] : []),
    ...s.letters.map(
      (l) =>
        `- ${l.date} ${l.kind}: ${l.file} (sha256 ${l.sha256})` +
        (l.registeredMail ? ` — registered (${l.registeredMail.provider}), tracking ${l.registeredMail.trackingNumber ?? 'none yet'}, posted ${l.registeredMail.postedOn ?? 'not confirmed'}` : ''),
    ),
    '',
    '## Timeline of contacts',
    ...s.timeline.map((t) => `- ${t.at} [${t.source}${t.step ? ` ${t.step}` : ''}] ${t.what}${t.proof ? ` — ${t.proof}` : ''}`),
    '',
    '## Not included',
    ...s.notIncluded.map((n) => `- ${n}`),
    '',
    'Every file of this archive is listed with its SHA-256 in SHA256SUMS (check with `sha256sum -c SHA256SUMS`).',
    '',
  ];
  return lines.join('\n');
}
