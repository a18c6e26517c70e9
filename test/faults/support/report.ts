/** The fault tests print what they did and counted (seed, kills, durations, e-mails), plainly. */
export function report(scenario: string, line: string): void {
  process.stdout.write(`[fault:${scenario}] ${line}\n`);
}
