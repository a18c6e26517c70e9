/**
 * The one place where the environment becomes typed settings. Every process (API, worker, local
 * stack, tests) calls loadConfig(); an invalid value stops the process at start with the names of
 * every bad variable, instead of failing later in the middle of a dunning.
 */
import * as path from 'node:path';
import type { SendDays } from '../domain/plan';

export type NodeEnv = 'development' | 'test' | 'production';

/** SMTP connections a worker keeps open (nodemailer's pool): a reminder storm is not a TCP and EHLO handshake per e-mail. */
export const DEFAULT_SMTP_CONNECTIONS = 5;

/**
 * The SDK's own default grows with the heap limit (2,310 workflows on a 4 GB heap), about 800 MB of
 * worker memory; 1,000 keeps a worker with 10,000 open dunnings under 500 MB (bench/: footprint).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1000;

export interface TemporalTlsConfig {
  /** PEM files for mutual TLS (self-hosted cluster or Temporal Cloud with certificates). */
  clientCertPath?: string;
  clientKeyPath?: string;
  serverRootCaCertPath?: string;
  serverNameOverride?: string;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  projectRoot: string;
  dataDir: string;
  api: {
    host: string;
    port: number;
    publicUrl: string;
    /** Requests a minute each API key may make, per API process (token bucket); 0 = unlimited. */
    rateLimitPerMinute: number;
  };
  database: {
    url: string;
    /** True when DATABASE_URL is unset: the local stack runs embedded PostgreSQL at `url`. */
    embedded: boolean;
    embeddedPort: number;
    migrationsRun: boolean;
  };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** True when TEMPORAL_ADDRESS is unset: the local stack runs the Temporal dev server. */
    embedded: boolean;
    uiPort: number;
    cliPath?: string;
    testServerPath?: string;
    tls?: TemporalTlsConfig | true;
    apiKey?: string;
  };
  mail: {
    smtpUrl: string;
    from: string;
    /** True when SMTP_URL is unset: the local stack runs its own SMTP server and mail viewer. */
    embedded: boolean;
    viewerPort: number;
    /**
     * Mailpit-compatible API the worker asks whether the server already holds a message before
     * sending again one whose earlier attempt was cut off; the local viewer when SMTP is embedded.
     */
    deliveryLookupUrl?: string;
    /** SMTP connections the worker keeps open (nodemailer pool). */
    maxConnections: number;
  };
  worker: {
    /**
     * Workflows the worker keeps in memory between their tasks (the SDK's maxCachedWorkflows). An
     * evicted dunning costs nothing until its next step, when it replays its short history.
     */
    maxCachedWorkflows: number;
  };
  dunning: {
    /** Hour of the day (Europe/Paris) at which reminders go out. */
    sendHour: number;
    /** business_days (default) or every_day: whether reminders wait for a business day. */
    sendDays: SendDays;
    creditorId: string;
  };
  /**
   * How registered letters leave: 'print' queues them for an operator (print, post by LRAR, confirm
   * over the API); 'http' hands them to an electronic registered-mail service, whose deposit dates
   * the worker relays to the dunnings every `pollSeconds`.
   */
  registeredMail: { provider: 'print' } | { provider: 'http'; url: string; apiKey: string; pollSeconds: number };
  /**
   * The collection partner told (signed webhook) when an escalation file is ready; null: none, the
   * escalation step only stores the file and opens the operator task.
   */
  collectionPartner: { webhookUrl: string; webhookSecret: string } | null;
}

/** Every variable the configuration reads, with what it means. Also checked against docker-compose.yml. */
export const CONFIG_VARIABLES = {
  NODE_ENV: 'development | test | production (production refuses embedded defaults)',
  RELANCE_DATA_DIR: 'folder for local data (embedded PostgreSQL, Temporal SQLite, captured mail); default .data',
  API_HOST: 'interface the API listens on; default 127.0.0.1',
  PORT: 'API port; default 3000',
  PUBLIC_URL: 'URL the API is reached at, for links; default http://<API_HOST>:<PORT>',
  API_RATE_LIMIT_PER_MINUTE: 'requests a minute each API key may make (per API process, bursts up to that many); 0 = unlimited; default 600',
  DATABASE_URL: 'postgres://user:password@host:port/db; unset = embedded PostgreSQL',
  EMBEDDED_PG_PORT: 'port of the embedded PostgreSQL; default 54329',
  DB_MIGRATIONS_RUN: 'run pending migrations when the API starts; default true',
  TEMPORAL_ADDRESS: 'host:port of the Temporal frontend; unset = local dev server on 127.0.0.1:7233',
  TEMPORAL_NAMESPACE: 'Temporal namespace; default "default"',
  TEMPORAL_TASK_QUEUE: 'task queue of the dunning worker; default relance-dunning',
  TEMPORAL_UI_PORT: 'port of the local dev server Web UI; default 8233',
  TEMPORAL_CLI_PATH: 'path to a `temporal` CLI binary for the local dev server',
  TEMPORAL_TEST_SERVER_PATH: 'path to the time-skipping test server binary for workflow tests',
  TEMPORAL_TLS: 'true to connect with TLS (implied by the certificate settings or an API key)',
  TEMPORAL_TLS_CERT_PATH: 'client certificate (PEM) for mutual TLS',
  TEMPORAL_TLS_KEY_PATH: 'client private key (PEM) for mutual TLS',
  TEMPORAL_TLS_CA_PATH: 'CA certificate (PEM) of the server',
  TEMPORAL_TLS_SERVER_NAME: 'server name to verify against the certificate',
  TEMPORAL_API_KEY: 'API key (Temporal Cloud)',
  SMTP_URL: 'smtp://user:pass@host:port (smtps:// for implicit TLS); unset = local SMTP server',
  MAIL_FROM: 'sender of reminder e-mails; default "Relance <relance@localhost>"',
  SMTP_MAX_CONNECTIONS: 'SMTP connections each worker keeps open and sends over (stay within your provider\'s limit); default 5',
  MAIL_VIEWER_PORT: 'port of the local mail viewer; default 1080',
  MAIL_DELIVERY_LOOKUP_URL:
    'base URL of a Mailpit-compatible search API (GET {url}/api/v1/search?query=message-id:ID) holding what the SMTP server accepted; asked before resending an e-mail whose earlier attempt was cut off; default the local mail viewer when SMTP_URL is unset, else none (such an e-mail is sent again, same Message-ID)',
  WORKER_MAX_CACHED_WORKFLOWS: 'dunnings a worker keeps in memory between their steps (about 0.25 MB each); the others replay their history at their next step; default 1000',
  DUNNING_SEND_HOUR: 'hour (0-23, Europe/Paris) at which reminders go out; default 9',
  DUNNING_SEND_DAYS: 'business_days (default: never on weekends or French holidays) | every_day (a step due now goes out now; npm start uses it with hour 0)',
  CREDITOR_ID: 'identifier of the creditor whose invoices are dunned; default "default"',
  REGISTERED_MAIL_PROVIDER: 'print (default: an operator prints and posts registered letters) | http (an electronic registered-mail service)',
  REGISTERED_MAIL_URL: 'base URL of the registered-mail service (http provider): POST {url}/letters, GET {url}/letters/{trackingNumber}',
  REGISTERED_MAIL_API_KEY: 'bearer key of the registered-mail service (http provider)',
  REGISTERED_MAIL_POLL_SECONDS: 'how often the worker relays deposit dates from the service to the dunnings; default 60',
  COLLECTION_PARTNER_WEBHOOK_URL: 'URL the worker POSTs escalation_file.ready to (collection agency); unset = no partner notified',
  COLLECTION_PARTNER_WEBHOOK_SECRET: 'HMAC-SHA256 secret signing that webhook (X-Relance-Signature); required with the URL, 16 characters or more',
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;
type Env = Partial<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The project root: two levels above this file in src/ and in dist/src/. */
export function findProjectRoot(): string {
  const here = __dirname;
  const parts = here.split(path.sep);
  const distIndex = parts.lastIndexOf('dist');
  if (distIndex > 0) return parts.slice(0, distIndex).join(path.sep);
  return path.resolve(here, '..', '..');
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: ConfigVariable): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: ConfigVariable, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: ConfigVariable, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}="${raw}" must be true or false`);
    return fallback;
  };
  const url = (name: ConfigVariable, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const nodeEnvRaw = read('NODE_ENV') ?? 'development';
  let nodeEnv: NodeEnv = 'development';
  if (nodeEnvRaw === 'development' || nodeEnvRaw === 'test' || nodeEnvRaw === 'production') {
    nodeEnv = nodeEnvRaw;
  } else {
    problems.push(`NODE_ENV="${nodeEnvRaw}" must be development, test or production`);
  }

  const projectRoot = findProjectRoot();
  const dataDir = path.resolve(projectRoot, read('RELANCE_DATA_DIR') ?? '.data');

  const apiHost = read('API_HOST') ?? '127.0.0.1';
  const apiPort = int('PORT', 3000, 0, 65535);
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://${apiHost}:${apiPort}`;

  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const embeddedPgPort = int('EMBEDDED_PG_PORT', 54329, 1, 65535);

  const temporalAddress = read('TEMPORAL_ADDRESS');
  if (temporalAddress !== undefined && !/^[^\s:/]+:\d{1,5}$/.test(temporalAddress)) {
    problems.push(`TEMPORAL_ADDRESS="${temporalAddress}" must be host:port`);
  }
  const tlsFiles: TemporalTlsConfig = {
    clientCertPath: read('TEMPORAL_TLS_CERT_PATH'),
    clientKeyPath: read('TEMPORAL_TLS_KEY_PATH'),
    serverRootCaCertPath: read('TEMPORAL_TLS_CA_PATH'),
    serverNameOverride: read('TEMPORAL_TLS_SERVER_NAME'),
  };
  if (Boolean(tlsFiles.clientCertPath) !== Boolean(tlsFiles.clientKeyPath)) {
    problems.push('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together');
  }
  const apiKey = read('TEMPORAL_API_KEY');
  const hasTlsFiles = Object.values(tlsFiles).some(Boolean);
  const tlsWanted = bool('TEMPORAL_TLS', hasTlsFiles || apiKey !== undefined);
  const tls = tlsWanted ? (hasTlsFiles ? tlsFiles : true) : undefined;

  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const viewerPort = int('MAIL_VIEWER_PORT', 1080, 0, 65535);
  const deliveryLookupUrl = url('MAIL_DELIVERY_LOOKUP_URL', ['http:', 'https:']) ?? (smtpUrl === undefined ? `http://127.0.0.1:${viewerPort}` : undefined);

  const sendDays = read('DUNNING_SEND_DAYS') ?? 'business_days';
  if (sendDays !== 'business_days' && sendDays !== 'every_day') problems.push(`DUNNING_SEND_DAYS="${sendDays}" must be business_days or every_day`);

  const registeredMailProvider = read('REGISTERED_MAIL_PROVIDER') ?? 'print';
  const registeredMailUrl = url('REGISTERED_MAIL_URL', ['http:', 'https:']);
  const registeredMailKey = read('REGISTERED_MAIL_API_KEY');
  const registeredMailPoll = int('REGISTERED_MAIL_POLL_SECONDS', 60, 1, 86_400);
  let registeredMail: AppConfig['registeredMail'] = { provider: 'print' };
  if (registeredMailProvider === 'http') {
    if (!registeredMailUrl) problems.push('REGISTERED_MAIL_URL is required when REGISTERED_MAIL_PROVIDER=http');
    if (!registeredMailKey) problems.push('REGISTERED_MAIL_API_KEY is required when REGISTERED_MAIL_PROVIDER=http');
    registeredMail = { provider: 'http', url: registeredMailUrl ?? '', apiKey: registeredMailKey ?? '', pollSeconds: registeredMailPoll };
  } else if (registeredMailProvider !== 'print') {
    problems.push(`REGISTERED_MAIL_PROVIDER="${registeredMailProvider}" must be print or http`);
  }

  const partnerUrl = url('COLLECTION_PARTNER_WEBHOOK_URL', ['http:', 'https:']);
  const partnerSecret = read('COLLECTION_PARTNER_WEBHOOK_SECRET');
  let collectionPartner: AppConfig['collectionPartner'] = null;
  if (partnerUrl) {
    if (!partnerSecret) problems.push('COLLECTION_PARTNER_WEBHOOK_SECRET is required when COLLECTION_PARTNER_WEBHOOK_URL is set');
    else if (partnerSecret.length < 16) problems.push('COLLECTION_PARTNER_WEBHOOK_SECRET must be at least 16 characters');
    collectionPartner = { webhookUrl: partnerUrl, webhookSecret: partnerSecret ?? '' };
  } else if (partnerSecret) {
    problems.push('COLLECTION_PARTNER_WEBHOOK_SECRET is set but COLLECTION_PARTNER_WEBHOOK_URL is not');
  }

  if (nodeEnv === 'production') {
    if (!databaseUrl) problems.push('DATABASE_URL is required in production (no embedded PostgreSQL)');
    if (!temporalAddress) problems.push('TEMPORAL_ADDRESS is required in production (no dev server)');
    if (!smtpUrl) problems.push('SMTP_URL is required in production (no local mail catcher)');
  }

  const config: AppConfig = {
    nodeEnv,
    projectRoot,
    dataDir,
    api: { host: apiHost, port: apiPort, publicUrl, rateLimitPerMinute: int('API_RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000) },
    database: {
      url: databaseUrl ?? `postgres://relance:relance@127.0.0.1:${embeddedPgPort}/relance`,
      embedded: databaseUrl === undefined,
      embeddedPort: embeddedPgPort,
      migrationsRun: bool('DB_MIGRATIONS_RUN', true),
    },
    temporal: {
      address: temporalAddress ?? '127.0.0.1:7233',
      namespace: read('TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: read('TEMPORAL_TASK_QUEUE') ?? 'relance-dunning',
      embedded: temporalAddress === undefined,
      uiPort: int('TEMPORAL_UI_PORT', 8233, 1, 65535),
      cliPath: read('TEMPORAL_CLI_PATH'),
      testServerPath: read('TEMPORAL_TEST_SERVER_PATH'),
      tls,
      apiKey,
    },
    mail: {
      smtpUrl: smtpUrl ?? 'smtp://127.0.0.1:1025',
      from: read('MAIL_FROM') ?? 'Relance <relance@localhost>',
      embedded: smtpUrl === undefined,
      viewerPort,
      ...(deliveryLookupUrl ? { deliveryLookupUrl } : {}),
      maxConnections: int('SMTP_MAX_CONNECTIONS', DEFAULT_SMTP_CONNECTIONS, 1, 1000),
    },
    worker: { maxCachedWorkflows: int('WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_MAX_CACHED_WORKFLOWS, 0, 1_000_000) },
    dunning: {
      sendHour: int('DUNNING_SEND_HOUR', 9, 0, 23),
      sendDays: sendDays as SendDays,
      creditorId: read('CREDITOR_ID') ?? 'default',
    },
    registeredMail,
    collectionPartner,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
