import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Client, Connection } from '@temporalio/client';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { createDataSource } from '../db/data-source';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { AppModule } from './app.module';
import { ApiKeyStore } from './auth/api-key-store';
import { API_KEY_HEADER_SCHEME, BEARER_SCHEME, documentAccess } from './auth/openapi-access';
import { ErrorBodyView } from './common/error-body.view';
import { ErrorFilter } from './common/error.filter';
import { jsonBodiesOnly, securityHeaders } from './common/http-hardening';
import { createValidationPipe } from './common/validation';

export const API_KEY_CLI = 'node dist/src/api/api-keys-cli.js';

export function openApiDocument(app: INestApplication) {
  const keyFormat = 'rlk_<prefix>_<secret>';
  const document = new DocumentBuilder()
    .setTitle('Relance API')
    .setDescription(
      'Invoice dunning engine: store invoices, follow and steer their dunnings.\n\n' +
        `Every route but /health needs an API key (\`${keyFormat}\`), sent as \`Authorization: Bearer <key>\` or \`X-Api-Key: <key>\`. ` +
        'Keys have a role: backoffice (everything), operator (reads, rates, tasks, events), integrator (reads and events of its own creditor). ' +
        `Create one with \`${API_KEY_CLI} create --name <holder> --role <role>\`.`,
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: keyFormat, description: 'An API key: Authorization: Bearer <key>' }, BEARER_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The same API key in X-Api-Key, for clients that cannot set Authorization' }, API_KEY_HEADER_SCHEME)
    .build();
  return documentAccess(SwaggerModule.createDocument(app, document, { extraModels: [ErrorBodyView] }));
}

/** The API would answer 401 to everyone: in production it does not start (see assertAnActiveKey). */
export class NoActiveApiKeyError extends Error {
  override name = 'NoActiveApiKeyError';
  constructor() {
    super(
      'No active API key: every route but /health needs one, so this API would refuse every request. Create a key, then start the API again:\n' +
        `  ${API_KEY_CLI} create --name <who holds it> --role backoffice\n` +
        `  (with Docker Compose: docker compose run --rm api ${API_KEY_CLI} create --name <who holds it> --role backoffice)\n` +
        'It prints the key once; keep it in your secret store.',
    );
  }
}

async function assertAnActiveKey(dataSource: DataSource): Promise<void> {
  if ((await new ApiKeyStore(dataSource).countActive()) === 0) throw new NoActiveApiKeyError();
}

/**
 * gRPC waits longer and longer between reconnection attempts while a server is down (up to 2
 * minutes): after a Temporal outage of half a minute the API went on answering 503 for some 20 s
 * more. Five seconds at most keeps that short, and costs one connection attempt every 5 s.
 */
const TEMPORAL_CHANNEL_ARGS = { 'grpc.max_reconnect_backoff_ms': 5_000 };

/**
 * Builds the API on its real dependencies: PostgreSQL (migrations run first when configured) and
 * a lazy Temporal connection, so the API starts, and reports it in /health, while Temporal is down.
 * In production it refuses to start without an active API key.
 */
export async function createApi(config: AppConfig, options: { logger?: false | LoggerService } = {}): Promise<INestApplication> {
  const dataSource = createDataSource(config.database.url, { applicationName: 'relance-api' });
  await dataSource.initialize();
  try {
    if (config.database.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    if (config.nodeEnv === 'production') await assertAnActiveKey(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  const connection = Connection.lazy({ ...temporalConnectionOptions(config.temporal), channelArgs: TEMPORAL_CHANNEL_ARGS });
  const temporalClient = new Client({ connection, namespace: config.temporal.namespace });

  const app = await NestFactory.create(AppModule.register({ config, dataSource, temporalClient }), {
    logger: options.logger,
    abortOnError: false,
    // req.rawBody (the bytes received) beside the parsed body: payment webhooks verify their signature over it.
    rawBody: true,
  });
  app.use(securityHeaders());
  app.use(jsonBodiesOnly());
  // Batch imports (10,000 invoices, some 4 MB) may be larger than the default 100 kB; only there.
  // Wrapped: Nest skips its own JSON parser when a middleware named jsonParser is already mounted.
  const largeJson = json({ limit: '8mb' });
  app.use('/v1/invoices/batch', function batchBodyParser(request: Request, response: Response, next: NextFunction) {
    largeJson(request, response, next);
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocument(app));

  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await connection.close();
    await dataSource.destroy();
  };
  return app;
}
