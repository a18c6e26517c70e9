import { createTransport, type Transporter } from 'nodemailer';
import { DEFAULT_SMTP_CONNECTIONS } from '../../config/config';
import type { DeliveryLookup } from './delivery-lookup';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable Message-ID derived from the dunning and the step. */
  messageId: string;
  /** The letter of the step, as PDF. */
  attachments?: MailAttachment[];
}

/** The port activities send through; the worker wires SMTP, tests may wire the same against a local server. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Whether the mail side already holds a message with this Message-ID; absent when nothing can be
   * asked (a plain relay), in which case an attempt cut off mid-send is sent again.
   */
  holds?: DeliveryLookup;
  close(): void;
}

export class SmtpRejectedRecipientError extends Error {
  constructor(readonly recipient: string, readonly responseCode: number, response: string) {
    super(`SMTP server refused ${recipient}: ${response}`);
    this.name = 'SmtpRejectedRecipientError';
  }
}

/**
 * Bounds on one SMTP exchange, well inside the step activities' timeouts: nodemailer's defaults
 * (2 minutes to connect, 10 minutes of silence) would let an attempt at a hung server outlive its
 * activity while its retry starts.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export function createSmtpMailer(smtpUrl: string, from: string, options: { holds?: DeliveryLookup; maxConnections?: number } = {}): Mailer {
  const { holds, maxConnections = DEFAULT_SMTP_CONNECTIONS } = options;
  const transport: Transporter = createTransport({ url: smtpUrl, pool: true, maxConnections, ...SMTP_TIMEOUTS });
  return {
    ...(holds ? { holds } : {}),
    async send(mail) {
      try {
        await transport.sendMail({ from, ...mail });
      } catch (error) {
        const err = error as { responseCode?: number; response?: string; command?: string };
        // A 5xx answer to RCPT TO is permanent: retrying would fail the same way.
        if (err.responseCode && err.responseCode >= 500 && err.command === 'RCPT TO') {
          throw new SmtpRejectedRecipientError(mail.to, err.responseCode, err.response ?? '');
        }
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
