import { ServiceError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { createDataSource } from '../../db/data-source';
import { freePort } from '../../dev/free-port';
import { outageOf } from './outage';

/** gRPC status codes (@grpc/grpc-js `status`), and an error shaped as grpc-js makes them. */
const status = { NOT_FOUND: 5, DEADLINE_EXCEEDED: 4, INVALID_ARGUMENT: 3, UNAVAILABLE: 14 };
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('outageOf', () => {
  it('recognises a PostgreSQL server that refuses connections (a real attempt on a closed port)', async () => {
    const dataSource = createDataSource(`postgres://relance:relance@127.0.0.1:${await freePort()}/relance`);
    const error = await dataSource.initialize().then(() => undefined, (e: unknown) => e);
    expect(outageOf(error)).toBe('database');
  });

  it.each([
    ['57P01 admin shutdown (PostgreSQL stopping)', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P03 cannot connect now (starting up)', pgError('57P03', 'the database system is starting up')],
    ['08006 connection failure', pgError('08006', 'connection failure')],
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['AggregateError of refused addresses', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect failed'))],
    ['a query cut by a lost connection (TypeORM wraps it)', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
  ])('database: %s', (_, error) => {
    expect(outageOf(error)).toBe('database');
  });

  it.each([
    ['UNAVAILABLE wrapped by the client', new ServiceError('Failed to start Workflow', { cause: grpcError(status.UNAVAILABLE, 'No connection established') })],
    ['DEADLINE_EXCEEDED', grpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded')],
  ])('temporal: %s', (_, error) => {
    expect(outageOf(error)).toBe('temporal');
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a constraint violation', new QueryFailedError('INSERT …', [], pgError('23505', 'duplicate key value violates unique constraint'))],
    ['invalid input', new QueryFailedError('SELECT …', [], pgError('22P02', 'invalid input syntax for type uuid: "x"'))],
    ['a Temporal refusal that is not an outage', new ServiceError('Failed', { cause: grpcError(status.INVALID_ARGUMENT, 'bad search attribute') })],
    ['a gRPC NOT_FOUND with a network-looking message', grpcError(status.NOT_FOUND, 'ECONNREFUSED in details')],
    ['not an error', 'ECONNREFUSED'],
    ['a cycle', (() => { const e = new Error('loop') as Error & { cause?: unknown }; e.cause = e; return e; })()],
  ])('neither: %s', (_, error) => {
    expect(outageOf(error)).toBeNull();
  });
});
