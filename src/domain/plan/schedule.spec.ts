import { parisInstant } from '../calendar';
import { nextSendSlot, pausedDaysSince, runInstant, stepDate } from '.';

const at = (date: string, hour: number, minute = 0) => parisInstant(date, hour, minute).getTime();

describe('pausedDaysSince', () => {
  it('counts every pause after the anchor, in calendar days', () => {
    const pauses = [
      { from: '2026-12-14', to: '2027-01-13' }, // 30 days
      { from: '2027-01-20', to: '2027-01-22' }, // 2 days
    ];
    expect(pausedDaysSince('2026-12-04', pauses)).toBe(32);
  });

  it('counts a pause that began before the anchor from the anchor only', () => {
    expect(pausedDaysSince('2026-12-10', [{ from: '2026-12-04', to: '2026-12-14' }])).toBe(4);
  });

  it('ignores pauses over before the anchor, and pauses that began and ended on the same day', () => {
    expect(pausedDaysSince('2026-12-20', [{ from: '2026-12-04', to: '2026-12-14' }])).toBe(0);
    expect(pausedDaysSince('2026-12-01', [{ from: '2026-12-04', to: '2026-12-04' }])).toBe(0);
  });
});

describe('stepDate', () => {
  // 2026-12-04 is a Friday.
  it('adds the offset and moves weekends to the next Monday', () => {
    expect(stepDate('2026-12-04', -3)).toBe('2026-12-01');
    expect(stepDate('2026-12-04', 1)).toBe('2026-12-07'); // Saturday → Monday
    expect(stepDate('2026-12-04', 8)).toBe('2026-12-14'); // Saturday → Monday
    expect(stepDate('2026-12-04', 15)).toBe('2026-12-21'); // Saturday → Monday
  });

  it('moves public holidays to the next business day', () => {
    expect(stepDate('2026-12-24', 1)).toBe('2026-12-28'); // Christmas (Friday), then the weekend
    expect(stepDate('2027-05-05', 1)).toBe('2027-05-07'); // Ascension Thursday
  });

  it('keeps the remaining delay after a pause: the date moves by the paused days', () => {
    // Dispute from D+10 to D+40: the registered warning (D+15) moves to D+45.
    const pauses = [{ from: '2026-12-14', to: '2027-01-13' }];
    expect(stepDate('2026-12-04', 15, pauses)).toBe('2027-01-18'); // D+45, a Monday
  });
});

describe('nextSendSlot', () => {
  it('is the send hour of today when a business day has not reached it yet', () => {
    expect(nextSendSlot(at('2026-12-02', 7), 9)).toBe(at('2026-12-02', 9));
  });

  it('is now during a business day after the send hour', () => {
    expect(nextSendSlot(at('2026-12-02', 15, 30), 9)).toBe(at('2026-12-02', 15, 30));
  });

  it('is the next business day at the send hour on weekends and holidays', () => {
    expect(nextSendSlot(at('2026-12-05', 10), 9)).toBe(at('2026-12-07', 9)); // Saturday
    expect(nextSendSlot(at('2026-12-25', 10), 9)).toBe(at('2026-12-28', 9)); // Christmas, a Friday
    expect(nextSendSlot(at('2026-12-06', 23, 30), 9)).toBe(at('2026-12-07', 9)); // Sunday night
  });

  it('lets weekends and holidays send too when every day is a send day', () => {
    expect(nextSendSlot(at('2026-12-05', 10), 9, 'every_day')).toBe(at('2026-12-05', 10)); // Saturday
    expect(nextSendSlot(at('2026-12-25', 7), 9, 'every_day')).toBe(at('2026-12-25', 9)); // Christmas, before the hour
    expect(nextSendSlot(at('2026-12-06', 0, 30), 0, 'every_day')).toBe(at('2026-12-06', 0, 30)); // Sunday night, hour 0: now
  });
});

describe('runInstant', () => {
  it('keeps a moment still to come', () => {
    expect(runInstant(at('2026-12-07', 9), at('2026-12-02', 10), 9)).toBe(at('2026-12-07', 9));
  });

  it('moves a moment already passed to the next send slot', () => {
    expect(runInstant(at('2026-12-04', 9), at('2026-12-05', 10), 9)).toBe(at('2026-12-07', 9)); // Saturday
    expect(runInstant(at('2026-12-01', 9), at('2026-12-02', 7), 9)).toBe(at('2026-12-02', 9)); // before the send hour
  });

  it('keeps a passed moment when the step may go out right now (it is due)', () => {
    expect(runInstant(at('2026-12-01', 9), at('2026-12-02', 11), 9)).toBe(at('2026-12-01', 9));
    expect(runInstant(at('2026-12-04', 9), at('2026-12-05', 10), 9, 'every_day')).toBe(at('2026-12-04', 9)); // Saturday
  });
});
