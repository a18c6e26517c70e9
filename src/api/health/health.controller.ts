import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { OUTAGE_RETRY_AFTER_SECONDS } from '../common/api-error';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../tokens';

type Probe = { status: 'up' } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether the API can reach PostgreSQL and Temporal' })
  @ApiOkResponse({ description: 'Both reachable', schema: { example: { status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } } } })
  @ApiServiceUnavailableResponse({
    description: 'One of them is down; the body says which',
    schema: { example: { status: 'degraded', database: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:5432' }, temporal: { status: 'up' } } },
  })
  async check(@Res({ passthrough: true }) response: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      // The deadline also ends the call itself: without it, gRPC retries would go on for some 20 s after the probe gave up.
      probe(() => this.client.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => this.client.connection.workflowService.getSystemInfo({}))),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (!ok) response.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    return { status: ok ? 'ok' : 'degraded', database, temporal };
  }
}
