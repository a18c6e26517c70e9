/**
 * The due-day storm's baseline, run as its own process like the worker: N first-reminder e-mails
 * sent straight with nodemailer, `concurrency` in flight. Prints one JSON line: when it began.
 *
 *   node mail-sender.js '{"smtpUrl":"smtp://127.0.0.1:2525","n":1000,"concurrency":100,"pool":true}'
 */
import { createTransport } from 'nodemailer';
import { baselineMail } from './baseline-mail';
import { runBounded } from './bounded';

export interface MailSenderArgs {
  smtpUrl: string;
  n: number;
  concurrency: number;
  /** One pooled transport with `concurrency` connections, instead of a connection per e-mail. */
  pool: boolean;
  /** Invoice-number prefix of the e-mails (their recipients are debtor-<prefix>-<i>@example.test). */
  prefix: string;
}

async function main() {
  const args = JSON.parse(process.argv[2]) as MailSenderArgs;
  const transport = args.pool ? createTransport({ pool: true, url: args.smtpUrl, maxConnections: args.concurrency, maxMessages: Infinity }) : createTransport(args.smtpUrl);
  const startedAt = Date.now();
  await runBounded(args.n, args.concurrency, (i) => transport.sendMail(baselineMail(args.prefix, i)));
  transport.close();
  console.log(JSON.stringify({ startedAt }));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
