/**
 * The registered-mail port: how a registered letter (registered warning, formal notice) leaves once
 * its PDF is stored. Two adapters:
 *
 * - print (default, print-and-post.ts): the letter waits in a print queue — an operator task asks to
 *   print it, post it by LRAR and confirm the posting (date, tracking number) over the API, whose
 *   route calls the workflow's `confirmRegisteredLetterPosted` update.
 * - http (http-registered-mail.ts): an electronic registered-mail service. The PDF is POSTed, the
 *   answer carries the tracking number (and the deposit date once it is deposited); the worker's
 *   posting relay (posting-relay.ts) tells the workflow, with the same update.
 */
import type { CalendarDate } from '../../domain/calendar';

export type RegisteredLetterKind = 'registered_warning' | 'formal_notice';

export interface RegisteredLetterToSend {
  documentId: string;
  /** `dunning/step`: the provider's idempotency key, so a lost answer followed by a retry sends one letter. */
  reference: string;
  kind: RegisteredLetterKind;
  dunningId: string;
  invoiceId: string;
  invoiceNumber: string;
  step: string;
  letterDate: CalendarDate;
  sender: { name: string; addressLines: string[] };
  recipient: { name: string; addressLines: string[]; email: string | null };
  document: { fileName: string; contentType: string; sha256: string; content: Buffer };
  /** Where an operator downloads the PDF. */
  downloadUrl: string;
}

export type RegisteredMailReceipt =
  /** In the print queue: an operator posts it and confirms the posting over the API. */
  | { status: 'to_print'; taskId: string }
  /** Handed to the provider: tracking number known; the deposit date when the provider has it. */
  | { status: 'submitted'; trackingNumber: string; postedOn: CalendarDate | null };

export interface RegisteredMailProvider {
  readonly name: 'print' | 'http';
  submit(letter: RegisteredLetterToSend): Promise<RegisteredMailReceipt>;
  /** Where a submitted letter stands (electronic providers): the deposit date once it is deposited. */
  status?(trackingNumber: string): Promise<{ postedOn: CalendarDate | null; returned: boolean }>;
}

/** The provider refused the letter (4xx): sending it again would be refused the same way. */
export class RegisteredMailRejectedError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly detail: string,
  ) {
    super(`The registered-mail provider refused the letter: HTTP ${httpStatus} ${detail}`.trim());
    this.name = 'RegisteredMailRejectedError';
  }
}

export type RegisteredMailSettings = { provider: 'print' } | { provider: 'http'; url: string; apiKey: string };
