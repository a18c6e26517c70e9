import { RELAY_ACTOR, temporalPostingConfirmer, type PostingConfirmer } from '../../src/activities/registered-mail/posting-relay';
import { addDays, nextBusinessDay } from '../../src/domain';
import { DunningHarness, fridayAfter } from './support/dunning-harness';

// The way back from the electronic registered-mail service: the worker's relay calls the dunning's
// confirmRegisteredLetterPosted update. Here against the real workflow (time-skipping server, fake
// activities): what it answers before the letter exists, once, twice, and for another number.
describe('registered-mail posting relay → dunning workflow', () => {
  let harness: DunningHarness;
  let confirm: PostingConfirmer;

  beforeAll(async () => {
    harness = await DunningHarness.start('posting-relay');
    confirm = temporalPostingConfirmer(harness.env.client);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('waits while the letter is not produced, confirms the deposit date once, refuses another tracking number', async () => {
    const dueDate = fridayAfter(await harness.today(), 10);
    const handle = await harness.startDunning({ dueDate });
    const posting = { workflowId: handle.workflowId, step: 'registered_warning', trackingNumber: 'LRE-000042', by: RELAY_ACTOR };

    // The activity has not completed yet (here: not even started): try again next round.
    expect(await confirm({ ...posting, postedOn: await harness.today() })).toMatchObject({
      outcome: 'not_yet',
      detail: expect.stringContaining('REGISTERED_LETTER.NOT_PRODUCED'),
    });

    const warningDay = nextBusinessDay(addDays(dueDate, 15));
    await harness.advanceToParis(addDays(warningDay, 1), 12);
    expect((await harness.state(handle)).stage).toBe('awaiting_registered_letter_posting');

    const postedOn = addDays(warningDay, 1);
    expect(await confirm({ ...posting, postedOn })).toEqual({ outcome: 'confirmed' });
    // A relay round that crashed before marking the row confirmed sends it again: the workflow answers 'unchanged'.
    expect(await confirm({ ...posting, postedOn })).toEqual({ outcome: 'confirmed' });
    const state = await harness.state(handle);
    expect(state.registeredLetters[0]).toMatchObject({ step: 'registered_warning', postedOn, trackingNumber: 'LRE-000042' });
    expect(state.history.filter((entry) => entry.kind === 'registered_letter_posted')).toEqual([
      expect.objectContaining({ by: RELAY_ACTOR, summary: `Registered letter posted on ${postedOn}, tracking number LRE-000042` }),
    ]);

    expect(await confirm({ ...posting, trackingNumber: 'LRE-999999', postedOn })).toMatchObject({
      outcome: 'refused',
      detail: expect.stringContaining('REGISTERED_LETTER.ALREADY_POSTED'),
    });
    expect(await confirm({ ...posting, workflowId: 'invoice:default:no-such-invoice', postedOn })).toMatchObject({ outcome: 'refused' });
  });
});
