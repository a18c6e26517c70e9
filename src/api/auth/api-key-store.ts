import { IsNull, QueryFailedError, type DataSource } from 'typeorm';
import { API_KEY_ROLES, ApiKeyEntity, type ApiKeyRole } from '../../db/entities/api-key.entity';
import { SLUG_PATTERN, SLUG_RULE } from '../common/slug';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-format';

export { API_KEY_ROLES, type ApiKeyRole } from '../../db/entities/api-key.entity';

/** Who is calling: the key the request presented, as the guard found it. */
export interface Principal {
  keyId: string;
  prefix: string;
  name: string;
  role: ApiKeyRole;
  /** Integrators only: the one creditor the key is for. */
  creditorId: string | null;
}

/** A key as lists show it: never its secret or hash. */
export interface ApiKeyInfo {
  prefix: string;
  name: string;
  role: ApiKeyRole;
  creditorId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export class ApiKeyInputError extends Error {
  override name = 'ApiKeyInputError';
}

export interface NewApiKey {
  name: string;
  role: string;
  creditorId?: string;
}

const toInfo = (row: ApiKeyEntity): ApiKeyInfo => ({
  prefix: row.prefix,
  name: row.name,
  role: row.role,
  creditorId: row.creditorId,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

/** What is wrong with a new key's fields, or nothing. */
export function newApiKeyProblems({ name, role, creditorId }: NewApiKey): string[] {
  const problems: string[] = [];
  if (typeof name !== 'string' || name.trim().length === 0 || name.trim().length > 100 || /[\p{Cc}]/u.test(name)) {
    problems.push('name must be 1 to 100 characters on one line');
  }
  if (!(API_KEY_ROLES as readonly string[]).includes(role)) problems.push(`role must be one of ${API_KEY_ROLES.join(', ')}`);
  if (role === 'integrator' && creditorId === undefined) problems.push('an integrator key needs a creditor (--creditor <id>): it reads and sends events for that creditor only');
  if (role !== 'integrator' && creditorId !== undefined) problems.push(`a ${role} key is not tied to a creditor; only integrator keys take --creditor`);
  if (creditorId !== undefined && !SLUG_PATTERN.test(creditorId)) problems.push(`creditor ${SLUG_RULE}`);
  return problems;
}

/**
 * API keys in PostgreSQL, used by the API's guard, the key CLI and the local stack. Each request
 * costs one lookup by the unique prefix; there is no cache, so a revoked key stops working at once
 * in every API process.
 */
export class ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  /** Stores a new key and returns it whole: the only time the secret exists outside its holder. */
  async create(input: NewApiKey): Promise<{ key: string; info: ApiKeyInfo }> {
    const problems = newApiKeyProblems(input);
    if (problems.length > 0) throw new ApiKeyInputError(problems.join('; '));
    for (let attempt = 0; ; attempt++) {
      const generated = generateApiKey();
      try {
        const row = await this.repo.save(
          this.repo.create({
            name: input.name.trim(),
            role: input.role as ApiKeyRole,
            creditorId: input.creditorId ?? null,
            prefix: generated.prefix,
            secretSha256: generated.secretSha256,
            revokedAt: null,
          }),
        );
        return { key: generated.key, info: toInfo(row) };
      } catch (error) {
        // Two keys with one prefix (1 in 36^8 per pair): draw again.
        const unique = error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505';
        if (!unique || attempt >= 3) throw error;
      }
    }
  }

  async list(): Promise<ApiKeyInfo[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC', prefix: 'ASC' } })).map(toInfo);
  }

  /** Revokes the key with this prefix; a revoked key is refused by the next request. */
  async revoke(prefix: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
    const row = await this.repo.findOneBy({ prefix });
    if (!row) return 'unknown';
    if (row.revokedAt) return 'already-revoked';
    await this.repo.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return 'revoked';
  }

  /** The principal of an active, well-formed, matching key; null for anything else. */
  async authenticate(key: string): Promise<Principal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const row = await this.repo.findOneBy({ prefix: parsed.prefix });
    if (!row || row.revokedAt !== null || !secretMatches(parsed.secret, row.secretSha256)) return null;
    return { keyId: row.id, prefix: row.prefix, name: row.name, role: row.role, creditorId: row.creditorId };
  }

  async countActive(): Promise<number> {
    return this.repo.countBy({ revokedAt: IsNull() });
  }
}
