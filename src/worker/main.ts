import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createSmtpMailer } from '../activities/mail/mailer';
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
  const mailer = createSmtpMailer(config.mail.smtpUrl, config.mail.from);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  try {
    const worker = await createDunningWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataSource,
      mailer,
    });
    console.log(`worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}`);
    await worker.run();
    console.log('worker: stopped');
  } finally {
    await connection.close();
    mailer.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error('worker: fatal', error);
  process.exit(1);
});
