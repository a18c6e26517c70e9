import { defineQuery } from '@temporalio/workflow';
import type { DunningState } from './dunning-input';

/** The live state of a dunning: stage, amount due, next step and the steps already taken. */
export const dunningStateQuery = defineQuery<DunningState>('dunningState');
