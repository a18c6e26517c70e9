/**
 * Benchmark options: `--name value` on the command line, else `BENCH_NAME` in the environment,
 * else the benchmark's default. Names are kebab-case (`--batch-size` / `BENCH_BATCH_SIZE`).
 */
export class BenchOptions {
  constructor(
    private readonly flags: ReadonlyMap<string, string>,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private raw(name: string): string | undefined {
    return this.flags.get(name) ?? this.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  }

  /** A positive number (`--rate 50`, `--duration 60`). */
  number(name: string, fallback: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got "${raw}")`);
    return value;
  }

  /** A positive whole number (`--n 5000`). */
  int(name: string, fallback: number): number {
    const value = this.number(name, fallback);
    if (!Number.isInteger(value)) throw new Error(`--${name} must be a whole number (got ${value})`);
    return value;
  }

  flag(name: string): boolean {
    const raw = this.raw(name);
    return raw !== undefined && raw !== 'false' && raw !== '0';
  }
}

/** Splits argv into benchmark names and `--name value` / `--flag` options. */
export function parseArgs(argv: readonly string[]): { names: string[]; flags: Map<string, string> } {
  const names: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      names.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(name, argv[++i]);
    else flags.set(name, 'true');
  }
  return { names, flags };
}
