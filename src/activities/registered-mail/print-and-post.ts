import type { DataSource } from 'typeorm';
import { addDays, nextBusinessDay } from '../../domain/calendar';
import { STEP_TITLES } from '../documents/step-titles';
import { createTaskOnce } from '../tasks/operator-tasks';
import type { RegisteredMailProvider } from './registered-mail';

/**
 * The default registered-mail adapter: a print queue made of operator tasks. The letter is stored;
 * the task (key `dunning/step/post`, the one the workflow closes when the posting is confirmed)
 * says where to download it, whom to send it to, and how to confirm the posting.
 */
export function createPrintAndPostQueue(dataSource: DataSource): RegisteredMailProvider {
  return {
    name: 'print',
    async submit(letter) {
      const title = STEP_TITLES[letter.kind].toLowerCase();
      const task = await createTaskOnce(dataSource, {
        dunningId: letter.dunningId,
        invoiceId: letter.invoiceId,
        key: `${letter.reference}/post`,
        kind: 'post_registered_letter',
        title: `Print and post the ${title} by registered letter: invoice ${letter.invoiceNumber}`,
        instructions: [
          `The ${title} of ${letter.letterDate} is ready: ${letter.document.fileName} (document ${letter.documentId}, SHA-256 ${letter.document.sha256}).`,
          `1. Download it: ${letter.downloadUrl}`,
          '2. Print it and send it by registered letter with acknowledgment of receipt (LRAR) to:',
          ...[letter.recipient.name, ...letter.recipient.addressLines].map((line) => `   ${line}`),
          `3. Confirm the posting with its date and tracking number (the dunning's registered-letter confirmation, step ${letter.step}): the next step counts from the posting date.`,
        ].join('\n'),
        dueOn: nextBusinessDay(addDays(letter.letterDate, 1)),
      });
      return { status: 'to_print', taskId: task.id };
    },
  };
}
