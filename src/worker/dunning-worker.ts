import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';

/** The bundle `npm run build` writes; without it (tests, ts sources) the worker bundles at start. */
export const PREBUILT_WORKFLOW_BUNDLE = path.resolve(__dirname, '..', '..', 'workflow-bundle.js');

export function workflowCodeSource(): { workflowBundle: WorkflowBundleOption } | { workflowsPath: string } {
  if (__filename.endsWith('.js') && existsSync(PREBUILT_WORKFLOW_BUNDLE)) {
    return { workflowBundle: { codePath: PREBUILT_WORKFLOW_BUNDLE } };
  }
  return { workflowsPath: require.resolve('../workflows') };
}

export interface DunningWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
}

export async function createDunningWorker(options: DunningWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflowCodeSource(),
    activities: createActivities(options),
  });
}
