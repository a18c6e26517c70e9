import { addDays, parisInstant } from '../calendar';
import { DEFAULT_FR_B2B_PLAN, startingStep } from '.';

const at = (date: string, hour: number) => parisInstant(date, hour).getTime();
const start = (dueDate: string, now: number) => startingStep(DEFAULT_FR_B2B_PLAN, dueDate, now, 9);

describe('startingStep with the default French B2B plan', () => {
  it('begins at the first step when the dunning starts in time', () => {
    expect(start('2026-12-14', at('2026-12-02', 10))).toEqual({ index: 0, skipped: [] });
  });

  it('still sends the courtesy reminder when it is late but the due date has not passed', () => {
    expect(start('2026-12-04', at('2026-12-02', 10))).toEqual({ index: 0, skipped: [] });
    expect(start('2026-12-04', at('2026-12-04', 16))).toEqual({ index: 0, skipped: [] }); // on the due date
  });

  it('begins with the first reminder and its phone call for an invoice a few days overdue', () => {
    expect(start('2026-11-27', at('2026-12-02', 10))).toEqual({ index: 1, skipped: ['courtesy_reminder'] });
  });

  it('begins with the registered warning for an invoice imported 40 days overdue', () => {
    const now = at('2026-12-02', 10);
    expect(start(addDays('2026-12-02', -40), now)).toEqual({
      index: 4,
      skipped: ['courtesy_reminder', 'first_reminder', 'phone_call', 'written_reminder'],
    });
  });

  it('looks at the first send slot: on a Saturday, what fits on Monday', () => {
    // Due Friday 2026-12-04; D+1 moves to Monday 09:00, the first slot after Saturday.
    expect(start('2026-12-04', at('2026-12-05', 10))).toEqual({ index: 1, skipped: ['courtesy_reminder'] });
  });

  it('looks at now when every day is a send day: on a Saturday, what is due by Saturday', () => {
    // Due Friday 2026-11-27: its D+8 falls on Saturday 5 December and moves to Monday 7.
    const saturday = at('2026-12-05', 10);
    expect(start('2026-11-27', saturday).index).toBe(3); // business days: Monday's written reminder fits the first slot
    expect(startingStep(DEFAULT_FR_B2B_PLAN, '2026-11-27', saturday, 0, 'every_day')).toEqual({ index: 1, skipped: ['courtesy_reminder'] });
  });
});
