import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the embedded local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.database).toMatchObject({ embedded: true, url: 'postgres://relance:relance@127.0.0.1:54329/relance' });
    expect(config.temporal).toMatchObject({ embedded: true, address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'relance-dunning' });
    expect(config.temporal.tls).toBeUndefined();
    expect(config.mail).toMatchObject({ embedded: true, smtpUrl: 'smtp://127.0.0.1:1025' });
    expect(config.api.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.dunning).toMatchObject({ sendHour: 9, sendDays: 'business_days' });
    expect(config.worker).toEqual({ maxCachedWorkflows: 1000 });
  });

  it('bounds the workflows a worker keeps in memory', () => {
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '250' }).worker.maxCachedWorkflows).toBe(250);
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('points at external services when their variables are set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/relance',
      TEMPORAL_ADDRESS: 'acme.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'acme.a1b2c',
      TEMPORAL_API_KEY: 'key-123',
      SMTP_URL: 'smtps://user:pass@smtp.example:465',
    });
    expect(config.database).toMatchObject({ embedded: false, url: 'postgres://app:secret@db.internal:5432/relance' });
    expect(config.temporal).toMatchObject({ embedded: false, address: 'acme.a1b2c.tmprl.cloud:7233', apiKey: 'key-123', tls: true });
    expect(config.mail).toMatchObject({ embedded: false, smtpUrl: 'smtps://user:pass@smtp.example:465' });
  });

  it('keeps a pool of SMTP connections, 5 unless told', () => {
    expect(loadConfig({}).mail.maxConnections).toBe(5);
    expect(loadConfig({ SMTP_MAX_CONNECTIONS: '20' }).mail.maxConnections).toBe(20);
    expect(() => loadConfig({ SMTP_MAX_CONNECTIONS: '0' })).toThrow(/SMTP_MAX_CONNECTIONS/);
  });

  it('asks the local mail viewer what it holds before resending, unless SMTP goes elsewhere', () => {
    expect(loadConfig({ MAIL_VIEWER_PORT: '1090' }).mail.deliveryLookupUrl).toBe('http://127.0.0.1:1090');
    expect(loadConfig({ SMTP_URL: 'smtp://relay.example:25' }).mail.deliveryLookupUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtp://mailpit:1025', MAIL_DELIVERY_LOOKUP_URL: 'http://mailpit:8025' }).mail.deliveryLookupUrl).toBe('http://mailpit:8025');
    expect(() => loadConfig({ MAIL_DELIVERY_LOOKUP_URL: 'ftp://archive' })).toThrow(/MAIL_DELIVERY_LOOKUP_URL/);
  });

  it('turns mutual-TLS files into TLS settings', () => {
    const config = loadConfig({ TEMPORAL_TLS_CERT_PATH: '/certs/client.pem', TEMPORAL_TLS_KEY_PATH: '/certs/client.key' });
    expect(config.temporal.tls).toEqual({ clientCertPath: '/certs/client.pem', clientKeyPath: '/certs/client.key', serverRootCaCertPath: undefined, serverNameOverride: undefined });
  });

  it('names every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x@y/z',
        TEMPORAL_ADDRESS: 'no-port',
        DUNNING_SEND_HOUR: '24',
        DUNNING_SEND_DAYS: 'weekdays',
        TEMPORAL_TLS: 'maybe',
        NODE_ENV: 'staging',
        TEMPORAL_TLS_CERT_PATH: '/only/the/cert.pem',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'DUNNING_SEND_HOUR', 'DUNNING_SEND_DAYS', 'TEMPORAL_TLS', 'NODE_ENV', 'TEMPORAL_TLS_KEY_PATH']) {
      expect(problems).toContain(name);
    }
  });

  it('queues registered letters for printing by default; an electronic service needs its URL and key', () => {
    expect(loadConfig({}).registeredMail).toEqual({ provider: 'print' });
    expect(loadConfig({ REGISTERED_MAIL_PROVIDER: 'http', REGISTERED_MAIL_URL: 'https://lre.example/api', REGISTERED_MAIL_API_KEY: 'secret' }).registeredMail).toEqual({
      provider: 'http',
      url: 'https://lre.example/api',
      apiKey: 'secret',
      pollSeconds: 60,
    });
    expect(() => loadConfig({ REGISTERED_MAIL_PROVIDER: 'http' })).toThrow(/REGISTERED_MAIL_URL is required[\s\S]*REGISTERED_MAIL_API_KEY is required/);
    expect(() => loadConfig({ REGISTERED_MAIL_PROVIDER: 'pigeon' })).toThrow(/REGISTERED_MAIL_PROVIDER="pigeon" must be print or http/);
    expect(() => loadConfig({ REGISTERED_MAIL_PROVIDER: 'http', REGISTERED_MAIL_URL: 'ftp://x', REGISTERED_MAIL_API_KEY: 'k' })).toThrow(/REGISTERED_MAIL_URL must use http/);
  });

  it('reads the per-key rate limit: 600 a minute by default, 0 for none, a whole number', () => {
    expect(loadConfig({}).api.rateLimitPerMinute).toBe(600);
    expect(loadConfig({ API_RATE_LIMIT_PER_MINUTE: '0' }).api.rateLimitPerMinute).toBe(0);
    expect(loadConfig({ API_RATE_LIMIT_PER_MINUTE: '120' }).api.rateLimitPerMinute).toBe(120);
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: '10.5' })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
  });

  it('refuses embedded defaults in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required in production[\s\S]*TEMPORAL_ADDRESS[\s\S]*SMTP_URL/);
  });
});
