/**
 * An electronic registered-mail service over HTTP (lettre recommandée électronique, or a hybrid
 * mail house that prints and posts). The contract Relance speaks — a provider adapter or a small
 * bridge implements it (docs: README, "Registered mail"):
 *
 *   POST {url}/letters
 *     Authorization: Bearer {apiKey}
 *     Idempotency-Key: {dunning/step}        the same key again answers with the same letter
 *     Content-Type: application/json
 *     { reference, kind, acknowledgmentOfReceipt: true,
 *       sender: { name, addressLines[] }, recipient: { name, addressLines[], email|null },
 *       document: { fileName, contentType: "application/pdf", sha256, contentBase64 } }
 *   → 200 or 201 { trackingNumber, status: "accepted" | "posted", postedOn: "YYYY-MM-DD" | null }
 *
 *   GET {url}/letters/{trackingNumber}
 *   → 200 { trackingNumber, status: "accepted" | "posted" | "returned", postedOn: "YYYY-MM-DD" | null }
 *
 * A 4xx answer other than 408, 425 and 429 is a refusal (bad letter, bad key): not retried, the
 * step goes to an operator. Anything else (5xx, timeouts, connection errors) is retried by Temporal.
 */
import { isValidCalendarDate, type CalendarDate } from '../../domain/calendar';
import { RegisteredMailRejectedError, type RegisteredMailProvider, type RegisteredLetterToSend } from './registered-mail';

export interface HttpRegisteredMailOptions {
  url: string;
  apiKey: string;
  /** Per request; default 30 s (the activity itself has 2 minutes). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface LetterAnswer {
  trackingNumber: string;
  status: 'accepted' | 'posted' | 'returned';
  postedOn: CalendarDate | null;
}

const RETRYABLE_4XX = [408, 425, 429];

export function createHttpRegisteredMail(options: HttpRegisteredMailOptions): RegisteredMailProvider {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<LetterAnswer> {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${options.apiKey}`, Accept: 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      if (response.status >= 400 && response.status < 500 && !RETRYABLE_4XX.includes(response.status)) {
        throw new RegisteredMailRejectedError(response.status, text.slice(0, 500));
      }
      throw new Error(`Registered-mail provider answered HTTP ${response.status} to ${method} ${path}: ${text.slice(0, 200)}`);
    }
    return parseAnswer(text);
  }

  return {
    name: 'http',
    async submit(letter: RegisteredLetterToSend) {
      const answer = await call(
        'POST',
        '/letters',
        { 'Content-Type': 'application/json', 'Idempotency-Key': letter.reference },
        JSON.stringify({
          reference: letter.reference,
          kind: letter.kind,
          acknowledgmentOfReceipt: true,
          sender: letter.sender,
          recipient: letter.recipient,
          document: {
            fileName: letter.document.fileName,
            contentType: letter.document.contentType,
            sha256: letter.document.sha256,
            contentBase64: letter.document.content.toString('base64'),
          },
        }),
      );
      return { status: 'submitted', trackingNumber: answer.trackingNumber, postedOn: answer.status === 'posted' ? answer.postedOn : null };
    },
    async status(trackingNumber: string) {
      const answer = await call('GET', `/letters/${encodeURIComponent(trackingNumber)}`, {});
      return { postedOn: answer.status === 'posted' || answer.status === 'returned' ? answer.postedOn : null, returned: answer.status === 'returned' };
    },
  };
}

/** The provider's answer, checked: a malformed one is an error (retried), never a letter taken as sent. */
function parseAnswer(text: string): LetterAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Registered-mail provider answered with invalid JSON: ${text.slice(0, 200)}`);
  }
  const answer = body as Partial<LetterAnswer>;
  if (typeof answer?.trackingNumber !== 'string' || answer.trackingNumber.trim() === '' || answer.trackingNumber.length > 64) {
    throw new Error(`Registered-mail provider answered without a tracking number: ${text.slice(0, 200)}`);
  }
  if (answer.status !== 'accepted' && answer.status !== 'posted' && answer.status !== 'returned') {
    throw new Error(`Registered-mail provider answered with an unknown status: ${text.slice(0, 200)}`);
  }
  const postedOn = answer.postedOn ?? null;
  if (postedOn !== null && (typeof postedOn !== 'string' || !isValidCalendarDate(postedOn))) {
    throw new Error(`Registered-mail provider answered with an invalid postedOn: ${text.slice(0, 200)}`);
  }
  if (answer.status === 'posted' && postedOn === null) throw new Error(`Registered-mail provider answered "posted" without postedOn: ${text.slice(0, 200)}`);
  return { trackingNumber: answer.trackingNumber.trim(), status: answer.status, postedOn };
}
