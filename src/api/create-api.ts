import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../config/config';
import { createDataSource } from '../db/data-source';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { createValidationPipe } from './common/validation';

export function openApiDocument(app: INestApplication) {
  const document = new DocumentBuilder()
    .setTitle('Relance API')
    .setDescription('Invoice dunning engine: store invoices, follow and steer their dunnings.')
    .setVersion('0.1.0')
    .build();
  return SwaggerModule.createDocument(app, document);
}

/**
 * Builds the API on its real dependencies: PostgreSQL (migrations run first when configured) and
 * a lazy Temporal connection, so the API starts, and reports it in /health, while Temporal is down.
 */
export async function createApi(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const dataSource = createDataSource(config.database.url, { applicationName: 'relance-api' });
  await dataSource.initialize();
  if (config.database.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
  const connection = Connection.lazy(temporalConnectionOptions(config.temporal));
  const temporalClient = new Client({ connection, namespace: config.temporal.namespace });

  const app = await NestFactory.create(AppModule.register({ config, dataSource, temporalClient }), {
    logger: options.logger,
    abortOnError: false,
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
