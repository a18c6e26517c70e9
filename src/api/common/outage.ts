/**
 * Tells an outage of a dependency (PostgreSQL, Temporal) from a bug, so the API answers 503 with
 * Retry-After — "try again soon" — rather than 500 — "something is broken".
 */

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * PostgreSQL SQLSTATEs of a server that cannot serve: class 08 (connection exception), 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up), 53300
 * too_many_connections.
 */
const POSTGRES_OUTAGE_STATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What node-postgres and its pool say when the connection is lost or cannot be had. */
const POSTGRES_OUTAGE_MESSAGE = /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/** gRPC status codes Temporal's client reports when the server cannot be reached in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

type ErrorLike = { code?: unknown; message?: unknown; details?: unknown; metadata?: unknown; cause?: unknown; driverError?: unknown; errors?: unknown };

/** The error, what it wraps (cause, TypeORM's driverError, an AggregateError's errors), breadth first. */
function* chain(error: unknown): Generator<ErrorLike> {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && seen.size < 20) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const node = current as ErrorLike;
    yield node;
    queue.push(node.cause, node.driverError);
    if (Array.isArray(node.errors)) queue.push(...node.errors);
  }
}

/** A gRPC service error as @grpc/grpc-js makes them (what Temporal's client wraps in its own errors). */
const isGrpcError = (node: ErrorLike) => typeof node.code === 'number' && typeof node.details === 'string' && typeof node.metadata === 'object' && node.metadata !== null;

export type Outage = 'database' | 'temporal';

/** Which dependency is down, if that is what the error says; null for anything else. */
export function outageOf(error: unknown): Outage | null {
  for (const node of chain(error)) {
    if (isGrpcError(node)) {
      if (node.code === GRPC_UNAVAILABLE || node.code === GRPC_DEADLINE_EXCEEDED) return 'temporal';
      continue;
    }
    if (typeof node.code === 'string' && (NETWORK_ERROR_CODES.has(node.code) || POSTGRES_OUTAGE_STATE.test(node.code))) return 'database';
    if (typeof node.message === 'string' && POSTGRES_OUTAGE_MESSAGE.test(node.message)) return 'database';
  }
  return null;
}

export const OUTAGE_NAMES: Record<Outage, string> = { database: 'The database', temporal: 'The workflow engine (Temporal)' };
