import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import { heartbeatWhileRunning } from './activity-heartbeats';

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
  /** Default: the SDK's (which grows with the heap limit). */
  maxCachedWorkflows?: number;
}

export async function createDunningWorker(options: DunningWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    maxCachedWorkflows: options.maxCachedWorkflows,
    ...workflowCodeSource(),
    activities: createActivities(options),
    interceptors: { activity: [heartbeatWhileRunning()] },
  });
}
