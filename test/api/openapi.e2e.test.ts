import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import type { ApiKeyRole } from '../../src/api/auth/api-key-store';
import { startTestStack, type TestStack } from '../support/test-stack';

// The OpenAPI document the API serves at /docs-json: valid OpenAPI, every route but the public
// ones behind a security requirement, every operation with its client errors documented, and the
// roles it names the very ones the guard lets through.

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const ROLES: ApiKeyRole[] = ['backoffice', 'integrator', 'operator'];
/** Operations anyone may call without a key (/docs and /docs-json are not operations of the document). */
// Public: no API key. The payment webhook is authenticated by its HMAC signature instead.
const PUBLIC = ['GET /health', 'POST /v1/webhooks/payments/{integrationId}'];

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string }>;
  'x-relance-roles'?: string[];
  tags?: string[];
}
interface Document {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { securitySchemes?: Record<string, { type: string; scheme?: string; in?: string; name?: string }> };
}

describe('OpenAPI document (/docs-json)', () => {
  let stack: TestStack;
  let document: Document;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method] !== undefined).map((method) => ({ id: `${method.toUpperCase()} ${path}`, method, path, operation: item[method]! })),
    );

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    document = (await request(stack.server).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is valid OpenAPI 3 (swagger-parser: schema, references, parameters)', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(operations().length).toBeGreaterThan(20);
  });

  it('declares the API key schemes: Authorization: Bearer and X-Api-Key', () => {
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
  });

  it('requires a key on every operation but the public ones', () => {
    const summary = operations().map(({ id, operation }) => ({ id, security: operation.security }));
    for (const { id, security } of summary) {
      if (PUBLIC.includes(id)) {
        expect({ id, security }).toEqual({ id, security: [] });
      } else {
        expect({ id, security }).toEqual({ id, security: [{ bearer: [] }, { apiKeyHeader: [] }] });
      }
    }
    expect(summary.map(({ id }) => id)).toEqual(expect.arrayContaining(PUBLIC));
  });

  it('documents at least one 4xx on every operation, and 401, 403 and 429 on every protected one', () => {
    for (const { id, operation } of operations()) {
      const codes = Object.keys(operation.responses);
      if (id === 'GET /health') {
        // The one exception: /health takes no key, no parameter and no body, so it has no client
        // error to document (a made-up 4xx would mislead); its failure is the 503 it documents.
        expect(codes).toEqual(expect.arrayContaining(['200', '503']));
        continue;
      }
      expect({ id, has4xx: codes.some((code) => /^4\d\d$/.test(code)) }).toEqual({ id, has4xx: true });
      if (!PUBLIC.includes(id)) expect({ id, auth: ['401', '403', '429'].filter((code) => codes.includes(code)) }).toEqual({ id, auth: ['401', '403', '429'] });
      for (const [code, response] of Object.entries(operation.responses)) {
        if (/^[45]/.test(code)) expect({ id, code, described: Boolean(response.description) }).toEqual({ id, code, described: true });
      }
    }
  });

  it('names the roles of every protected operation: the same the guard enforces', async () => {
    const keys = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await stack.createKey(role)] as const))) as Record<ApiKeyRole, string>;
    const checked: string[] = [];
    for (const { id, method, path, operation } of operations()) {
      if (PUBLIC.includes(id)) continue;
      const roles = operation['x-relance-roles'];
      expect({ id, roles }).toEqual({ id, roles: expect.arrayContaining(['backoffice']) });
      // Real calls with made-up ids and empty bodies: they reach the route (404, 422…) or are stopped by the guard (403), never changing anything.
      const url = path.replace(/\{name\}/g, 'fr-b2b-default').replace(/\{version\}/g, '1').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const role of ROLES) {
        const call = request(stack.server)[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set('Authorization', `Bearer ${keys[role]}`);
        const response = await (method === 'get' || method === 'delete' ? call : call.send({}));
        expect({ id, role, forbidden: response.status === 403 }).toEqual({ id, role, forbidden: !roles!.includes(role) });
      }
      checked.push(id);
    }
    expect(checked.length).toBe(operations().length - PUBLIC.length);
  });
});
