/**
 * Runs the local mail catcher on its own:
 *
 *   node dist/src/dev/mail-catcher/main.js [--smtp-port 1025] [--viewer-port 1080] [--dir .data/mail] [--host 127.0.0.1] [--memory]
 *
 * Each option can also come from the environment: MAIL_CATCHER_SMTP_PORT, MAIL_VIEWER_PORT,
 * MAIL_CATCHER_DIR (default: $RELANCE_DATA_DIR/mail, RELANCE_DATA_DIR defaulting to .data),
 * MAIL_CATCHER_HOST. Arguments win over the environment. Stops cleanly on SIGINT / SIGTERM.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { MailCatcher, type CapturedMail, type MailCatcherOptions } from './mail-catcher';

const USAGE = `Usage: main.js [--smtp-port N] [--viewer-port N] [--dir PATH | --memory] [--host HOST]
  --smtp-port    SMTP port (env MAIL_CATCHER_SMTP_PORT, default 1025; 0 = any free port)
  --viewer-port  web viewer port (env MAIL_VIEWER_PORT, default 1080; 0 = any free port)
  --dir          folder for .eml files (env MAIL_CATCHER_DIR, default $RELANCE_DATA_DIR/mail or .data/mail)
  --memory       keep messages in memory only
  --host         interface to listen on (env MAIL_CATCHER_HOST, default 127.0.0.1)`;

export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): MailCatcherOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      'smtp-port': { type: 'string' },
      'viewer-port': { type: 'string' },
      dir: { type: 'string' },
      memory: { type: 'boolean' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const pick = (arg: string | undefined, name: string): string | undefined => {
    const value = arg ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const port = (arg: string | undefined, name: string, fallback: number): number => {
    const raw = pick(arg, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      throw new Error(`${name}="${raw}" must be a whole number from 0 to 65535`);
    }
    return value;
  };
  const dir = pick(values.dir, 'MAIL_CATCHER_DIR') ?? path.join(pick(undefined, 'RELANCE_DATA_DIR') ?? '.data', 'mail');
  return {
    smtpPort: port(values['smtp-port'], 'MAIL_CATCHER_SMTP_PORT', 1025),
    viewerPort: port(values['viewer-port'], 'MAIL_VIEWER_PORT', 1080),
    host: pick(values.host, 'MAIL_CATCHER_HOST') ?? '127.0.0.1',
    ...(values.memory ? {} : { storeDir: path.resolve(dir) }),
    ...(values.help ? { help: true } : {}),
  };
}

function describe(mail: CapturedMail): string {
  const time = new Date(mail.receivedAt).toTimeString().slice(0, 8);
  const files = mail.attachments.length ? `  [${mail.attachments.length} attachment(s)]` : '';
  return `[mail] ${time}  ${mail.from || '<>'} → ${mail.envelope.to.join(', ')}  ${JSON.stringify(mail.subject)}${files}`;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof optionsFrom>;
  try {
    options = optionsFrom(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`mail-catcher: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { help: _help, ...catcherOptions } = options;

  const catcher = await MailCatcher.start({ ...catcherOptions, onMessage: (mail) => console.log(describe(mail)) });
  const stored = (await catcher.messages()).length;
  console.log(
    [
      'Mail catcher ready',
      `  SMTP    ${catcher.smtpUrl}`,
      `  Viewer  ${catcher.viewerUrl}`,
      `  Store   ${options.storeDir ? `${options.storeDir} (${stored} message${stored === 1 ? '' : 's'})` : 'memory only'}`,
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`mail-catcher: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`mail-catcher: ${signal}, stopping`);
    catcher.stop().then(
      () => {
        process.exitCode = 0;
        process.off('SIGINT', shutdown);
        process.off('SIGTERM', shutdown);
      },
      (error: unknown) => {
        console.error('mail-catcher: stop failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
