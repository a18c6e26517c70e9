/**
 * Manages API keys: `node dist/src/api/api-keys-cli.js create|list|revoke` (or `npm run api-key -- …`).
 * Reads the same configuration as the API (DATABASE_URL, or the local stack's embedded PostgreSQL)
 * and, like the API, applies pending migrations first unless DB_MIGRATIONS_RUN=false.
 *
 * `create` writes the key alone on stdout (so `KEY=$(… create …)` captures it) and the rest on stderr.
 */
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { createDataSource } from '../db/data-source';
import { API_KEY_ROLES, ApiKeyInputError, ApiKeyStore, type ApiKeyInfo } from './auth/api-key-store';

const USAGE = `Usage:
  api-keys-cli create --name <holder> --role <${API_KEY_ROLES.join('|')}> [--creditor <creditor id>]
      Creates a key and prints it once. Integrator keys need --creditor (the creditor whose
      invoices they read and send events for); other roles take none.
  api-keys-cli list
      Every key: prefix, holder, role, creditor, created, revoked. Never the secret.
  api-keys-cli revoke <prefix>
      Revokes a key at once, in every API process (the prefix is the part after rlk_).`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export class UsageError extends Error {}

const date = (value: Date | null) => (value ? value.toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '-');

function table(keys: ApiKeyInfo[]): string[] {
  const rows = [
    ['PREFIX', 'NAME', 'ROLE', 'CREDITOR', 'CREATED', 'REVOKED'],
    ...keys.map((k) => [k.prefix, k.name, k.role, k.creditorId ?? '-', date(k.createdAt), date(k.revokedAt)]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

/** Runs one command on an open data source; returns the exit code. */
export async function runApiKeysCli(argv: string[], dataSource: DataSource, io: CliOutput): Promise<number> {
  const [command, ...rest] = argv;
  const store = new ApiKeyStore(dataSource);
  try {
    switch (command) {
      case 'create': {
        const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' }, creditor: { type: 'string' } }, strict: true });
        if (values.name === undefined || values.role === undefined) throw new UsageError('create needs --name and --role');
        const { key, info } = await store.create({ name: values.name, role: values.role, creditorId: values.creditor });
        const scope = info.creditorId ? ` for creditor ${info.creditorId}` : '';
        io.err(`Created ${info.role} key ${info.prefix} ("${info.name}")${scope}. It is shown once, here; keep it in a secret store:`);
        io.out(key);
        io.err(`Send it as "Authorization: Bearer <key>". Revoke it with: api-keys-cli revoke ${info.prefix}`);
        return 0;
      }
      case 'list': {
        parseArgs({ args: rest, options: {}, strict: true });
        const keys = await store.list();
        if (keys.length === 0) io.err('No API keys yet. Create one with: api-keys-cli create --name <holder> --role backoffice');
        else for (const line of table(keys)) io.out(line);
        return 0;
      }
      case 'revoke': {
        const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
        if (positionals.length !== 1) throw new UsageError('revoke takes one prefix');
        const prefix = positionals[0].replace(/^rlk_/, '').split('_')[0];
        const outcome = await store.revoke(prefix);
        if (outcome === 'unknown') {
          io.err(`No key with prefix ${prefix} (see api-keys-cli list).`);
          return 1;
        }
        io.err(outcome === 'revoked' ? `Revoked key ${prefix}: the API refuses it from now on.` : `Key ${prefix} was already revoked.`);
        return 0;
      }
      default:
        throw new UsageError(command === undefined ? 'a command is needed' : `unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ApiKeyInputError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

/** host:port of a database URL, without its credentials. */
function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const config = loadConfig();
  const dataSource = createDataSource(config.database.url, { applicationName: 'relance-api-keys', poolSize: 1 });
  try {
    await dataSource.initialize();
  } catch (error) {
    const hint = config.database.embedded ? ' Is the local stack running (npm start)?' : '';
    console.error(`Cannot reach PostgreSQL at ${where(config.database.url)}: ${(error as Error).message}.${hint}`);
    return 1;
  }
  try {
    if (config.database.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    return await runApiKeysCli(argv, dataSource, { out: (line) => console.log(line), err: (line) => console.error(line) });
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error('api-keys-cli:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
