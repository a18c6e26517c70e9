import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG, DATA_SOURCE } from '../tokens';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyStore } from './api-key-store';
import { RateLimiter } from './rate-limiter';

/** API keys and their roles, checked on every route by one global guard; per-key rate limits. */
@Module({
  providers: [
    { provide: ApiKeyStore, useFactory: (dataSource: DataSource) => new ApiKeyStore(dataSource), inject: [DATA_SOURCE] },
    { provide: RateLimiter, useFactory: (config: AppConfig) => new RateLimiter(config.api.rateLimitPerMinute), inject: [APP_CONFIG] },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeyStore],
})
export class AuthModule {}
