import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of a dunning, so credit controllers can filter runs in the Web UI or
 * with `temporal workflow list --query "RelanceStage = 'formal_notice'"`. Registered on the dev
 * server at start (see src/dev/temporal-dev-server.ts) and in docker-compose.yml.
 */
export const RelanceStage = defineSearchAttributeKey('RelanceStage', SearchAttributeType.KEYWORD);
export const RelanceInvoiceNumber = defineSearchAttributeKey('RelanceInvoiceNumber', SearchAttributeType.KEYWORD);
export const RelanceCustomerId = defineSearchAttributeKey('RelanceCustomerId', SearchAttributeType.KEYWORD);
export const RelanceAmountDueCents = defineSearchAttributeKey('RelanceAmountDueCents', SearchAttributeType.INT);
export const RelanceDueDate = defineSearchAttributeKey('RelanceDueDate', SearchAttributeType.DATETIME);
export const RelanceNextActionAt = defineSearchAttributeKey('RelanceNextActionAt', SearchAttributeType.DATETIME);

export const dunningSearchAttributes = [
  RelanceStage,
  RelanceInvoiceNumber,
  RelanceCustomerId,
  RelanceAmountDueCents,
  RelanceDueDate,
  RelanceNextActionAt,
];
