/**
 * Clients calling the API while a dependency is down: each answer is kept (status, Retry-After,
 * error code, time taken) so the test can say which routes answered what, and that none answered 500.
 */
import type { ProcessStack } from '../../support/process-stack';
import { delay } from '../../support/poll';

export interface ApiCall {
  name: string;
  method: 'GET' | 'POST';
  route: string;
  /** The body of the n-th call of this kind (a fresh invoice number each time, say). */
  body?: (n: number) => unknown;
}

export interface ApiAnswer {
  name: string;
  status: number | 'timeout' | 'network error';
  retryAfter: string | null;
  code: string | null;
  ms: number;
}

/** Whatever the answer, within `timeoutMs`. */
export async function call(stack: ProcessStack, apiCall: ApiCall, n = 0, timeoutMs = 30_000): Promise<ApiAnswer> {
  const started = Date.now();
  try {
    const response = await fetch(`${stack.apiUrl}${apiCall.route}`, {
      method: apiCall.method,
      headers: { authorization: `Bearer ${stack.apiKey}`, ...(apiCall.body ? { 'content-type': 'application/json' } : {}) },
      body: apiCall.body ? JSON.stringify(apiCall.body(n)) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      code = null;
    }
    return { name: apiCall.name, status: response.status, retryAfter: response.headers.get('retry-after'), code, ms: Date.now() - started };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { name: apiCall.name, status: timedOut ? 'timeout' : 'network error', retryAfter: null, code: null, ms: Date.now() - started };
  }
}

/** Calls each route in turn, one after the other, round after round until `durationMs` has passed (one round at least). */
export async function callRepeatedly(stack: ProcessStack, calls: readonly ApiCall[], durationMs: number, pauseMs = 200): Promise<ApiAnswer[]> {
  const answers: ApiAnswer[] = [];
  const deadline = Date.now() + durationMs;
  for (let n = 0; n === 0 || Date.now() < deadline; n++) {
    for (const apiCall of calls) answers.push(await call(stack, apiCall, n));
    await delay(Math.min(pauseMs, Math.max(0, deadline - Date.now())));
  }
  return answers;
}

/** `{ route name: { "503 SERVICE.UNAVAILABLE Retry-After 5": count } }`, to print and compare. */
export function tallyAnswers(answers: readonly ApiAnswer[]): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const a of answers) {
    const key = [a.status, a.code, a.retryAfter === null ? null : `Retry-After ${a.retryAfter}`].filter((part) => part !== null).join(' ');
    result[a.name] ??= {};
    result[a.name][key] = (result[a.name][key] ?? 0) + 1;
  }
  return result;
}
