/**
 * The worker of the floor workflows (floor-workflows.ts), as a process of its own like the real
 * worker, with the same SDK defaults. Its e-mail activity sends the baselines' first reminder
 * through one pooled nodemailer transport. Prints "floor-worker: polling" once it polls.
 *
 *   node floor-worker.js '{"temporalAddress":"127.0.0.1:7233","taskQueue":"floor","smtpUrl":"smtp://127.0.0.1:1025"}'
 */
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import { baselineMail } from './baseline-mail';

export interface FloorWorkerArgs {
  temporalAddress: string;
  taskQueue: string;
  smtpUrl: string;
}

export const FLOOR_MAIL_PREFIX = 'FLOOR';

function floorActivities(smtpUrl: string) {
  const transport = createTransport({ pool: true, url: smtpUrl, maxConnections: 10 });
  return {
    activities: {
      async sendMail(index: number): Promise<void> {
        await transport.sendMail(baselineMail(FLOOR_MAIL_PREFIX, index));
      },
      async noop(): Promise<void> {},
    },
    close: () => transport.close(),
  };
}

export type FloorActivities = ReturnType<typeof floorActivities>['activities'];

async function main() {
  const args = JSON.parse(process.argv[2]) as FloorWorkerArgs;
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const connection = await NativeConnection.connect({ address: args.temporalAddress });
  const { activities, close } = floorActivities(args.smtpUrl);
  const worker = await Worker.create({ connection, taskQueue: args.taskQueue, workflowsPath: require.resolve('./floor-workflows'), activities });
  console.log('floor-worker: polling');
  await worker.run();
  close();
  await connection.close();
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
