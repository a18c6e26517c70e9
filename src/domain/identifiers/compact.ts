/**
 * Identifiers as people write them ("732 829 320", "0403.170.701", "fr 40 303 265 045",
 * "FR76 3000 6000 ...") in the one form they are checked and stored in: separators (spaces, dots,
 * hyphens, slashes) removed, letters upper case.
 */
export function compactIdentifier(raw: string): string {
  return raw.replace(/[\s.\-/]/g, '').toUpperCase();
}
