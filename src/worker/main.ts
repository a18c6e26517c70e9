import 'reflect-metadata';
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { mailpitDeliveryLookup } from '../activities/mail/delivery-lookup';
import { createSmtpMailer } from '../activities/mail/mailer';
import { createHttpRegisteredMail } from '../activities/registered-mail/http-registered-mail';
import { startPostingRelay, temporalPostingConfirmer } from '../activities/registered-mail/posting-relay';
import { loadConfig } from '../config/config';
import { createDataSource } from '../db/data-source';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { createDunningWorker } from './dunning-worker';

/**
 * The worker process. On SIGINT/SIGTERM the Temporal runtime asks the worker to shut down: it stops
 * polling, lets running activities finish, and then the connections close.
 */
async function main() {
  const config = loadConfig();
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const dataSource = await createDataSource(config.database.url, { applicationName: 'relance-worker' }).initialize();
  const { deliveryLookupUrl } = config.mail;
  const mailer = createSmtpMailer(config.mail.smtpUrl, config.mail.from, {
    holds: deliveryLookupUrl ? mailpitDeliveryLookup(deliveryLookupUrl) : undefined,
    maxConnections: config.mail.maxConnections,
  });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const settings = config.registeredMail;
  // Registered letters: the print-and-post queue by default (the activities' default), or an
  // electronic service whose deposit dates this process relays to the dunnings.
  const registeredMail = settings.provider === 'http' ? createHttpRegisteredMail({ url: settings.url, apiKey: settings.apiKey }) : undefined;
  const relay =
    registeredMail && settings.provider === 'http'
      ? startPostingRelay({
          dataSource,
          provider: registeredMail,
          confirm: temporalPostingConfirmer(new Client({ connection, namespace: config.temporal.namespace })),
          intervalMs: settings.pollSeconds * 1000,
          onError: (error, mailing) =>
            console.warn(`worker: registered-mail relay${mailing ? ` (document ${mailing.documentId})` : ''}: ${error instanceof Error ? error.message : String(error)}`),
        })
      : undefined;
  try {
    const worker = await createDunningWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
      dataSource,
      mailer,
      registeredMail,
      publicUrl: config.api.publicUrl,
      collectionPartner: config.collectionPartner,
    });
    console.log(`worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}; registered mail: ${settings.provider}; delivery lookup: ${deliveryLookupUrl ?? 'none'}`);
    await worker.run();
    console.log('worker: stopped');
  } finally {
    await relay?.stop();
    await connection.close();
    mailer.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error('worker: fatal', error);
  process.exit(1);
});
