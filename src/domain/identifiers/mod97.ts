/**
 * The remainder of a long decimal number (given as digits) by 97, piece by piece so it stays exact
 * whatever the length (an IBAN turns into about 30 digits, far beyond 2^53).
 */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}
