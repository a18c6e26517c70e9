import { basisPointsFromPercent, percentFromBasisPoints } from '.';

describe('basis points', () => {
  it.each([
    ['2.15', 215],
    ['10.5', 1050],
    ['8', 800],
    ['0', 0],
    ['0.05', 5],
    ['-0.5', -50],
    ['12.15', 1215],
  ])('%s %% = %i bp', (percent, bp) => expect(basisPointsFromPercent(percent)).toBe(bp));

  it.each(['2.155', '2,15', '', '.5', '2.', '1e2', ' 2.15', 'abc'])('refuses %p rather than rounding it', (percent) => {
    expect(() => basisPointsFromPercent(percent)).toThrow(expect.objectContaining({ code: 'DOMAIN.INVALID_ARGUMENT' }));
  });

  it.each([
    [215, '2.15'],
    [1050, '10.50'],
    [5, '0.05'],
    [0, '0.00'],
    [-50, '-0.50'],
  ])('%i bp = %s %%', (bp, percent) => expect(percentFromBasisPoints(bp)).toBe(percent));
});
