/**
 * Static checks of the Docker deployment (docker-compose.yml, Dockerfile, .dockerignore): nothing
 * here runs Docker. They catch the drift that would only show on a user's `docker compose up`:
 * a variable the app does not read, a setting its own validation rejects, a URL that names no
 * service, a dependency that waits on nothing, a search attribute the workflows upsert but nobody
 * registered.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/config';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const DOCKERFILE = path.join(ROOT, 'Dockerfile');

/**
 * The custom search attributes the workflows upsert. Must match src/workflows/search-attributes.ts
 * (and the dev server's registration); kept as a fixed list on purpose, so this test reads only
 * deployment files.
 */
const SEARCH_ATTRIBUTES: Record<string, string> = {
  RelanceStage: 'Keyword',
  RelanceInvoiceNumber: 'Keyword',
  RelanceCustomerId: 'Keyword',
  RelanceAmountDueCents: 'Int',
  RelanceDueDate: 'Datetime',
  RelanceNextActionAt: 'Datetime',
};

interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/**
 * Compose's own interpolation, as `docker compose config` does it with no .env file: `$$` is a
 * literal `$`, `${VAR:-default}` / `${VAR-default}` take the default, `${VAR}` and `$VAR` are empty,
 * `${VAR:?message}` / `${VAR?message}` fail.
 */
function interpolate(value: string, env: Record<string, string> = {}): string {
  return value.replace(
    /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (match, dollar: string, name?: string, op?: string, arg?: string, bare?: string) => {
      if (dollar === '$') return '$';
      if (bare) return env[bare] ?? '';
      const current = env[name!];
      const unset = current === undefined;
      const emptyOrUnset = unset || current === '';
      switch (op) {
        case ':-':
          return emptyOrUnset ? interpolate(arg ?? '', env) : current!;
        case '-':
          return unset ? interpolate(arg ?? '', env) : current!;
        case ':?':
        case '?':
          if (op === ':?' ? emptyOrUnset : unset) {
            throw new Error(`${match} is required: docker compose would fail without a .env file`);
          }
          return current!;
        default:
          return current ?? '';
      }
    },
  );
}

function interpolateDeep<T>(node: T): T {
  if (typeof node === 'string') return interpolate(node) as T;
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item)) as T;
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v)])) as T;
  }
  return node;
}

const composeText = readFileSync(COMPOSE_FILE, 'utf8');
// merge: true resolves `<<: *anchor`, as Docker Compose does.
const raw = parse(composeText, { merge: true }) as ComposeFile;
const compose = interpolateDeep(raw);
const services = compose.services;

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const i = entry.indexOf('=');
        return i === -1 ? [entry, ''] : [entry.slice(0, i), entry.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}

function dependenciesOf(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']));
}

function commandText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

function hasHealthcheck(service: Service): boolean {
  return service.healthcheck !== undefined && service.healthcheck.disable !== true && service.healthcheck.test !== undefined;
}

/** The one service whose image matches, by name. */
function serviceByImage(pattern: RegExp): string {
  const names = Object.entries(services)
    .filter(([, s]) => s.image !== undefined && pattern.test(s.image))
    .map(([name]) => name);
  expect(names).toHaveLength(1);
  return names[0];
}

/** The stages of a Dockerfile, each the text from its FROM line to the next. */
function dockerfileStages(text: string): string[] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^\s*FROM\s/i.test(line)) stages.push([]);
    if (stages.length > 0) stages[stages.length - 1].push(line);
  }
  return stages.map((stage) => stage.join('\n'));
}

const APP_SERVICES = ['api', 'worker'] as const;

describe('docker-compose.yml', () => {
  const postgres = serviceByImage(/^postgres:/);
  const temporal = serviceByImage(/^temporalio\/(auto-setup|server):/);
  const temporalUi = serviceByImage(/^temporalio\/ui:/);
  const mailCatcher = serviceByImage(/mailpit|mailhog|maildev|smtp4dev|mailcatcher/i);
  const adminTools = serviceByImage(/^temporalio\/admin-tools:/);

  it('defines every service the app needs', () => {
    for (const name of [postgres, temporal, temporalUi, mailCatcher, adminTools, 'api', 'worker']) {
      expect(services[name]).toBeDefined();
    }
    expect(services[temporal].environment).toBeDefined();
    expect(environmentOf(services[temporal]).DB).toBe('postgres12');
    expect(environmentOf(services[temporal]).POSTGRES_SEEDS).toBe(postgres);
  });

  it('pins every image it pulls to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image === undefined || service.build !== undefined) continue;
      const tag = service.image.split('/').pop()!.split(':')[1];
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/\d/) });
    }
  });

  it('persists PostgreSQL in a named volume', () => {
    const volumes = (raw.services[postgres] as { volumes?: string[] }).volumes ?? [];
    const named = volumes.map((v) => v.split(':')[0]).filter((source) => compose.volumes && source in compose.volumes);
    expect(named).toHaveLength(1);
    expect(volumes.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
  });

  it('builds api and worker from the Dockerfile; the worker runs dist/src/worker/main.js', () => {
    for (const name of APP_SERVICES) {
      const build = services[name].build;
      expect(build).toBeDefined();
      const context = typeof build === 'string' ? build : (build?.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build?.dockerfile ?? 'Dockerfile');
      expect(path.resolve(ROOT, context, dockerfile)).toBe(DOCKERFILE);
    }
    expect(commandText(services.worker.command)).toMatch(/^node dist\/src\/worker\/main\.js$/);
    // The api keeps the image's default command, which is the API.
    expect(services.api.command).toBeUndefined();
  });

  it('sets on api and worker only variables that src/config/config.ts reads', () => {
    const known = Object.keys(CONFIG_VARIABLES);
    for (const name of APP_SERVICES) {
      const unknown = Object.keys(environmentOf(services[name])).filter((key) => !known.includes(key));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('gives api and worker the production settings', () => {
    for (const name of APP_SERVICES) {
      const env = environmentOf(services[name]);
      expect(env.NODE_ENV).toBe('production');
      for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'] as const) {
        expect({ service: name, key, set: Boolean(env[key]) }).toEqual({ service: name, key, set: true });
      }
    }
    expect(environmentOf(services.api).API_HOST).toBe('0.0.0.0');
  });

  it("passes the app's own configuration validation", () => {
    for (const name of APP_SERVICES) {
      const config = loadConfig(environmentOf(services[name]));
      expect(config.nodeEnv).toBe('production');
      expect(config.database.embedded).toBe(false);
      expect(config.temporal.embedded).toBe(false);
      expect(config.mail.embedded).toBe(false);
      expect(config.temporal.tls).toBeUndefined();
    }
    const api = loadConfig(environmentOf(services.api));
    expect(api.api).toMatchObject({ host: '0.0.0.0', port: 3000 });
  });

  it('points DATABASE_URL, TEMPORAL_ADDRESS and SMTP_URL at services of this file', () => {
    for (const name of APP_SERVICES) {
      const env = environmentOf(services[name]);
      const database = new URL(env.DATABASE_URL);
      const [temporalHost, temporalPort] = env.TEMPORAL_ADDRESS.split(':');
      const smtp = new URL(env.SMTP_URL);
      expect({ service: name, database: database.hostname, temporal: temporalHost, smtp: smtp.hostname }).toEqual({
        service: name,
        database: postgres,
        temporal,
        smtp: mailCatcher,
      });
      expect(Object.keys(services)).toEqual(expect.arrayContaining([database.hostname, temporalHost, smtp.hostname]));
      expect(temporalPort).toBe('7233');
      // The credentials in DATABASE_URL are the ones the PostgreSQL container is created with.
      const pgEnv = environmentOf(services[postgres]);
      expect(decodeURIComponent(database.username)).toBe(pgEnv.POSTGRES_USER);
      expect(decodeURIComponent(database.password)).toBe(pgEnv.POSTGRES_PASSWORD);
      expect(database.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
    }
  });

  it('makes api and worker wait for healthy services, and only on services that have a health check', () => {
    for (const name of APP_SERVICES) {
      const deps = dependenciesOf(services[name]);
      for (const required of [postgres, temporal, mailCatcher]) {
        expect({ service: name, dependency: required, condition: deps[required] }).toEqual({
          service: name,
          dependency: required,
          condition: 'service_healthy',
        });
      }
      expect(deps[adminTools]).toBe('service_completed_successfully');
    }
    // Every service_healthy condition in the file waits on a service that declares a health check,
    // and every service_completed_successfully one on a one-shot service.
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(service))) {
        expect(services[dependency]).toBeDefined();
        if (condition === 'service_healthy') {
          expect({ service: name, dependency, healthcheck: hasHealthcheck(services[dependency]) }).toEqual({
            service: name,
            dependency,
            healthcheck: true,
          });
        }
        if (condition === 'service_completed_successfully') {
          expect([undefined, 'no', 'on-failure']).toContain(services[dependency].restart);
        }
      }
    }
  });

  it('health-checks the API on GET /health, port 3000, and restarts the long-running services', () => {
    expect(hasHealthcheck(services.api)).toBe(true);
    const test = commandText(services.api.healthcheck!.test);
    expect(test).toContain('/health');
    expect(test).toContain(':3000');
    expect(environmentOf(services.api).PORT ?? '3000').toBe('3000');
    for (const name of [postgres, temporal, temporalUi, mailCatcher, 'api', 'worker']) {
      expect({ service: name, restart: services[name].restart }).toEqual({
        service: name,
        restart: expect.stringMatching(/^(always|unless-stopped|on-failure)/),
      });
    }
  });

  it('registers exactly the custom search attributes the workflows use', () => {
    const script = commandText(services[adminTools].command) + ' ' + commandText(services[adminTools].entrypoint);
    const registered: Record<string, string> = {};
    for (const match of script.matchAll(/search-attribute create\b[^\n]*?--name[ =](\S+)\s+--type[ =](\S+)/g)) {
      registered[match[1]] = match[2];
    }
    expect(registered).toEqual(SEARCH_ATTRIBUTES);
    expect(script).toMatch(/--namespace default\b/);
    expect(dependenciesOf(services[adminTools])[temporal]).toBe('service_healthy');
    expect(environmentOf(services[adminTools]).TEMPORAL_ADDRESS).toBe(`${temporal}:7233`);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(DOCKERFILE, 'utf8');
  const stages = dockerfileStages(text);
  const final = stages[stages.length - 1];

  it('is multi-stage: builds with npm ci and npm run build', () => {
    expect(stages.length).toBeGreaterThan(1);
    expect(text).toMatch(/npm ci(?!\s+--omit)/);
    expect(text).toMatch(/npm run build/);
    expect(text).toMatch(/npm ci --omit=dev/);
  });

  it('runs the final stage as a non-root user', () => {
    const users = [...final.matchAll(/^\s*USER\s+(\S+)/gim)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users[users.length - 1]);
  });

  it('copies dist/ and the production node_modules into the final stage', () => {
    expect(final).toMatch(/^\s*COPY\s+--from=\S+\s+\S*\/dist\s+\S*dist/im);
    expect(final).toMatch(/^\s*COPY\s+--from=\S+\s+\S*\/node_modules\s/im);
    expect(final).not.toMatch(/npm ci(?!\s+--omit)/);
  });

  it('runs the API by default', () => {
    const cmd = [...final.matchAll(/^\s*CMD\s+(.*)$/gim)].map((m) => m[1]).pop();
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd!)).toEqual(['node', 'dist/src/api/main.js']);
  });

  it('keeps local state and build output out of the build context', () => {
    const ignore = existsSync(path.join(ROOT, '.dockerignore'))
      ? readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim())
      : [];
    for (const entry of ['node_modules', 'dist', '.git', '.env']) expect(ignore).toContain(entry);
  });
});
