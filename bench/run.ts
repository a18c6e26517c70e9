/**
 * npm run bench [-- <benchmark>…] [--n 5000] [--profile] …
 *
 * Runs the named benchmarks (all by default), one after the other, each on a fresh process stack,
 * and writes bench/results/<name>.json. Options: see README "Benchmarks" or `npm run bench -- --help`.
 */
import { dueDayStorm } from './due-day-storm';
import { eventsUnderLoad } from './events-under-load';
import { footprint } from './footprint';
import { intake } from './intake';
import { describeMachine, machineLine } from './support/machine';
import { BenchOptions, parseArgs } from './support/options';
import { comparisonTable, publish, type BenchmarkReport } from './support/report';

const BENCHMARKS: Record<string, { run: (options: BenchOptions) => Promise<BenchmarkReport>; options: string }> = {
  intake: { run: intake, options: '--n 5000 (invoices), --batch-size 1000 (lines per request), --concurrency 32 (baseline starts in flight)' },
  storm: { run: dueDayStorm, options: '--n 1000 (invoices due 5 days ago), --concurrency 100 (baseline sends in flight)' },
  events: { run: eventsUnderLoad, options: '--n 2000 (open dunnings), --rate 50 (events/s), --duration 60 (s), --worker-cache 1000 (dunnings the worker keeps in memory)' },
  footprint: { run: footprint, options: '--n 10000 (open dunnings)' },
};

const HELP = `npm run bench [-- <benchmark>…] [options]
benchmarks: ${Object.keys(BENCHMARKS).join(', ')} (default: all, in that order)
${Object.entries(BENCHMARKS)
  .map(([name, b]) => `  ${name.padEnd(9)} ${b.options}`)
  .join('\n')}
  every one --profile: V8 CPU profiles of the API and workers into bench/profiles/<benchmark>/
Each option can also come from the environment: --batch-size 500 is BENCH_BATCH_SIZE=500.
An option given on the command line applies to every benchmark run, so name one benchmark to set its --n.`;

async function main() {
  const { names, flags } = parseArgs(process.argv.slice(2));
  if (flags.has('help')) return console.log(HELP);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n${HELP}`);
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const options = new BenchOptions(flags);
  const machine = describeMachine();
  console.log(`machine: ${machineLine(machine)}`);

  const started = Date.now();
  const reports: BenchmarkReport[] = [];
  for (const name of selected) {
    const benchmarkStarted = Date.now();
    const machineAtStart = describeMachine();
    console.log(`\n>> ${name}`);
    const report = await BENCHMARKS[name].run(options);
    report.details.benchmarkWallSeconds = Math.round((Date.now() - benchmarkStarted) / 1000);
    await publish(report, machineAtStart);
    reports.push(report);
  }
  console.log(`\n== Summary (${Math.round((Date.now() - started) / 1000)} s) ==`);
  console.log(comparisonTable(reports.flatMap((r) => r.rows.map((x) => ({ ...x, metric: `${r.name}: ${x.metric}` })))));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
