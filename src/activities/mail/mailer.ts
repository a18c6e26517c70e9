import { createTransport, type Transporter } from 'nodemailer';

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
  close(): void;
}

export class SmtpRejectedRecipientError extends Error {
  constructor(readonly recipient: string, readonly responseCode: number, response: string) {
    super(`SMTP server refused ${recipient}: ${response}`);
    this.name = 'SmtpRejectedRecipientError';
  }
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = createTransport(smtpUrl);
  return {
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
