/**
 * What every benchmark hands back: rows comparing the product with its baseline, printed as a
 * table and written as JSON to bench/results/<name>.json (the latest figures, committed).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { findProjectRoot } from '../../src/config/config';
import { describeMachine, machineLine, type MachineDescription } from './machine';

export interface ComparisonRow {
  metric: string;
  unit: string;
  product: number;
  /** null when the figure has no baseline (a latency, a size). */
  baseline: number | null;
  /** product / baseline, when both are rates. */
  ratio: number | null;
  /** What the issue asks, in words (`≥ 70 % of baseline`, `< 100 ms`). */
  target: string | null;
  met: boolean | null;
}

export interface BenchmarkReport {
  name: string;
  title: string;
  /** The options it ran with. */
  parameters: Record<string, unknown>;
  rows: ComparisonRow[];
  /** Everything else measured: phases, CPU time per process, counts, checks. */
  details: Record<string, unknown>;
  /** Plain-words notes (what bounds it, what a miss means). */
  notes: string[];
}

export const RESULTS_DIR = path.join(findProjectRoot(), 'bench', 'results');

export const row = (metric: string, unit: string, product: number, baseline: number | null, target: string | null, met: boolean | null): ComparisonRow => ({
  metric,
  unit,
  product,
  baseline,
  ratio: baseline ? Math.round((product / baseline) * 1000) / 1000 : null,
  target,
  met,
});

const cell = (value: number | null | boolean, digits = 1) =>
  value === null ? '—' : typeof value === 'boolean' ? (value ? 'met' : 'MISSED') : Number.isInteger(value) ? String(value) : value.toFixed(digits);

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function comparisonTable(rows: readonly ComparisonRow[]): string {
  return formatTable(
    ['metric', 'product', 'baseline', 'ratio', 'target', 'met'],
    rows.map((r) => [
      `${r.metric} (${r.unit})`,
      cell(r.product),
      cell(r.baseline),
      // A rate as a share of its baseline; a latency as a multiple of it.
      r.ratio === null ? '—' : r.unit === 'per s' ? `${(r.ratio * 100).toFixed(1)} %` : `${r.ratio.toFixed(1)} ×`,
      r.target ?? '—',
      cell(r.met),
    ]),
  );
}

/** Prints the table and writes the JSON with the machine and date; returns the file written. */
export async function publish(report: BenchmarkReport, machine: MachineDescription = describeMachine()): Promise<string> {
  const file = path.join(RESULTS_DIR, `${report.name}.json`);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...report, machine, date: new Date().toISOString() }, null, 2)}\n`);
  console.log(`\n== ${report.title} ==\n${comparisonTable(report.rows)}`);
  for (const note of report.notes) console.log(`- ${note}`);
  console.log(`machine: ${machineLine(machine)}\nwritten: ${path.relative(process.cwd(), file)}`);
  return file;
}
