import request from 'supertest';
import { CustomerEntity } from '../../src/db/entities/customer.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// POST/GET/PATCH /v1/customers over HTTP on the real stack (PostgreSQL with migrations, Temporal
// dev server, the API). One database for the file: the tests build on each other, in order.
describe('customers API on the real stack', () => {
  let stack: TestStack;
  const repo = () => stack.dataSource.getRepository(CustomerEntity);
  const allRows = () => repo().find({ order: { createdAt: 'ASC', id: 'ASC' } });
  const post = (body: unknown) => request(stack.http).post('/v1/customers').send(body as object);
  const patch = (id: string, body: unknown) => request(stack.http).patch(`/v1/customers/${id}`).send(body as object);
  const list = (query: Record<string, string | number | boolean>) => request(stack.http).get('/v1/customers').query(query);

  /** A French business written the way people type it. */
  const frenchBusiness = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'CUST-0042',
    type: 'business',
    legalName: 'Boulangerie Martin SARL',
    country: 'FR',
    registrationNumber: '542 051 180',
    vatNumber: 'FR 59 542 051 180',
    billingAddress: { lines: ['Service comptabilité', '8 place Bellecour'], postalCode: '69002', city: 'Lyon', country: 'FR' },
    contacts: [
      { role: 'billing', name: 'Service comptabilité', email: 'compta@boulangerie-martin.fr' },
      { role: 'accounts_payable', name: 'Sophie Martin', email: 'sophie.martin@boulangerie-martin.fr', phone: '+33 4 72 00 00 00', language: 'en' },
    ],
    ...overrides,
  });
  const belgianBusiness = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'CUST-0107',
    type: 'business',
    legalName: 'Brasserie du Sablon SRL',
    country: 'BE',
    registrationNumber: '0202.239.951',
    vatNumber: 'BE 0202.239.951',
    billingAddress: { lines: ['Rue Haute 62'], postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    registeredOffice: { lines: ['Avenue Louise 54'], postalCode: '1050', city: 'Ixelles', country: 'BE' },
    contacts: [{ role: 'accounts_payable', name: 'Accounts payable', email: 'ap@brasserie-sablon.be', language: 'en' }],
    planOverride: 'fr-b2b-habitual-late-payer',
    habitualLatePayer: true,
    ...overrides,
  });
  const consumer = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'CUST-0311',
    type: 'consumer',
    legalName: 'Jeanne Leroy',
    country: 'FR',
    billingAddress: { lines: ['3 allée des Tilleuls'], postalCode: '33000', city: 'Bordeaux', country: 'FR' },
    contacts: [{ role: 'billing', name: 'Jeanne Leroy', phone: '+33 6 12 34 56 78' }],
    ...overrides,
  });
  const creditor = (registrationNumber: string, vatNumber: string) => ({
    legalName: 'Atelier Dubois SAS',
    jurisdiction: 'FR',
    registrationNumber,
    vatNumber,
    address: { lines: ['12 rue de la Paix'], postalCode: '75002', city: 'Paris', country: 'FR' },
    signatory: { name: 'Claire Dubois', title: 'Présidente' },
    competentCourt: { name: 'Tribunal des activités économiques de Paris' },
    bankDetails: { iban: 'FR7630006000011234567890189' },
    billingContact: { name: 'Comptabilité', email: 'compta@atelier-dubois.fr' },
  });

  let martinId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a customer while its creditor has no profile: 422 CUSTOMER.UNKNOWN_CREDITOR', async () => {
    const response = await post(frenchBusiness()).expect(422);
    expect(response.body.error).toMatchObject({ code: 'CUSTOMER.UNKNOWN_CREDITOR', details: [{ path: 'creditorId', issue: 'no creditor profile with id default' }] });
    expect(response.body.error.message).toContain('PUT /v1/creditors/default');
    expect(await repo().count()).toBe(0);
    await request(stack.http).put('/v1/creditors/default').send(creditor('732829320', 'FR44732829320')).expect(201);
    await request(stack.http).put('/v1/creditors/other-co').send(creditor('552100554', 'FR96552100554')).expect(201);
  });

  it('stores a French business (201): numbers compact, phone E.164, defaults filled in', async () => {
    const { body } = await post(frenchBusiness()).expect(201);
    martinId = body.id;
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      creditorId: 'default',
      externalId: 'CUST-0042',
      type: 'business',
      legalName: 'Boulangerie Martin SARL',
      country: 'FR',
      registrationNumber: '542051180',
      vatNumber: 'FR59542051180',
      billingAddress: { lines: ['Service comptabilité', '8 place Bellecour'], postalCode: '69002', city: 'Lyon', country: 'FR' },
      registeredOffice: null,
      contacts: [
        { role: 'billing', name: 'Service comptabilité', email: 'compta@boulangerie-martin.fr', phone: null, language: 'fr' },
        { role: 'accounts_payable', name: 'Sophie Martin', email: 'sophie.martin@boulangerie-martin.fr', phone: '+33472000000', language: 'en' },
      ],
      planOverride: null,
      habitualLatePayer: false,
      createdAt: expect.any(String),
      updatedAt: body.createdAt,
    });
    expect(await repo().findOneByOrFail({ id: martinId })).toMatchObject({ searchName: 'boulangerie martin sarl', registrationNumber: '542051180' });
    expect((await request(stack.http).get(`/v1/customers/${martinId}`).expect(200)).body).toEqual(body);
  });

  it('answers the same externalId with the same content with 200 and the stored customer', async () => {
    const again = await post(frenchBusiness({ registrationNumber: '542051180', vatNumber: 'FR59542051180' })).expect(200);
    expect(again.body.id).toBe(martinId);
    expect(await repo().count()).toBe(1);
  });

  it('refuses the same externalId with different content: 409 CUSTOMER.EXTERNAL_ID_CONFLICT naming the fields', async () => {
    const before = await allRows();
    const response = await post(frenchBusiness({ legalName: 'Boulangerie Martin & Fils', habitualLatePayer: true })).expect(409);
    expect(response.body.error).toMatchObject({
      code: 'CUSTOMER.EXTERNAL_ID_CONFLICT',
      details: [
        { path: 'legalName', issue: 'differs from the stored customer' },
        { path: 'habitualLatePayer', issue: 'differs from the stored customer' },
      ],
    });
    expect(await allRows()).toEqual(before);
  });

  it('keeps externalId unique per creditor: the same one under another creditor is another customer', async () => {
    const { body } = await post(frenchBusiness({ creditorId: 'other-co' })).expect(201);
    expect(body).toMatchObject({ creditorId: 'other-co', externalId: 'CUST-0042' });
    expect(body.id).not.toBe(martinId);
    const unknown = await post(frenchBusiness({ creditorId: 'nobody' })).expect(422);
    expect(unknown.body.error.code).toBe('CUSTOMER.UNKNOWN_CREDITOR');
  });

  it('stores a Belgian business, a consumer and a German business (numbers taken as written)', async () => {
    const be = await post(belgianBusiness()).expect(201);
    expect(be.body).toMatchObject({ registrationNumber: '0202239951', vatNumber: 'BE0202239951', habitualLatePayer: true, planOverride: 'fr-b2b-habitual-late-payer' });
    expect(be.body.registeredOffice).toEqual({ lines: ['Avenue Louise 54'], postalCode: '1050', city: 'Ixelles', country: 'BE' });
    const person = await post(consumer()).expect(201);
    expect(person.body).toMatchObject({ type: 'consumer', registrationNumber: null, vatNumber: null, contacts: [{ phone: '+33612345678', email: null }] });
    const de = await post({
      externalId: 'CUST-0500', type: 'business', legalName: 'Müller Bäckerei GmbH', country: 'DE', registrationNumber: 'HRB 12345', vatNumber: 'DE123456789',
      billingAddress: { lines: ['Hauptstraße 1'], postalCode: '10115', city: 'Berlin', country: 'DE' }, contacts: [],
    }).expect(201);
    expect(de.body).toMatchObject({ registrationNumber: 'HRB12345', vatNumber: 'DE123456789', contacts: [] });
  });

  it('lets only one of concurrent identical POSTs create the customer; the others get it with 200', async () => {
    const body = frenchBusiness({ externalId: 'CUST-RACE', legalName: 'Concurrence SA' });
    const responses = await Promise.all([post(body), post(body), post(body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await repo().countBy({ externalId: 'CUST-RACE' })).toBe(1);
  });

  it('GET refuses an id that is not a UUID (422) and answers 404 for an unknown one', async () => {
    const bad = await request(stack.http).get('/v1/customers/CUST-0042').expect(422);
    expect(bad.body.error.details).toEqual([{ path: 'id', issue: 'id must be a UUID' }]);
    const unknown = await request(stack.http).get('/v1/customers/00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.error.code).toBe('CUSTOMER.NOT_FOUND');
  });

  describe('PATCH', () => {
    it('changes only the fields sent, and moves updatedAt', async () => {
      const before = (await request(stack.http).get(`/v1/customers/${martinId}`).expect(200)).body;
      const { body } = await patch(martinId, { habitualLatePayer: true, planOverride: 'fr-b2b-habitual-late-payer' }).expect(200);
      expect(body).toEqual({ ...before, habitualLatePayer: true, planOverride: 'fr-b2b-habitual-late-payer', updatedAt: expect.any(String) });
      expect(Date.parse(body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
      expect((await request(stack.http).get(`/v1/customers/${martinId}`).expect(200)).body).toEqual(body);
    });

    it('is idempotent: the same PATCH again, or an empty one, changes nothing (updatedAt included)', async () => {
      const before = (await request(stack.http).get(`/v1/customers/${martinId}`).expect(200)).body;
      expect((await patch(martinId, { habitualLatePayer: true, planOverride: 'fr-b2b-habitual-late-payer' }).expect(200)).body).toEqual(before);
      expect((await patch(martinId, {}).expect(200)).body).toEqual(before);
    });

    it('replaces an address and the contact list whole, clears an optional field with null', async () => {
      const office = { lines: ['1 rue de la République'], postalCode: '69001', city: 'Lyon', country: 'FR' };
      const withOffice = await patch(martinId, { registeredOffice: office, contacts: [{ role: 'other', name: 'Direction', email: 'direction@boulangerie-martin.fr' }] }).expect(200);
      expect(withOffice.body.registeredOffice).toEqual(office);
      expect(withOffice.body.contacts).toEqual([{ role: 'other', name: 'Direction', email: 'direction@boulangerie-martin.fr', phone: null, language: 'fr' }]);
      const cleared = await patch(martinId, { registeredOffice: null, planOverride: null, vatNumber: null }).expect(200);
      expect(cleared.body).toMatchObject({ registeredOffice: null, planOverride: null, vatNumber: null, registrationNumber: '542051180' });
    });

    it('renames: the name search follows', async () => {
      await patch(martinId, { legalName: 'Société Œnologique Martin' }).expect(200);
      expect((await repo().findOneByOrFail({ id: martinId })).searchName).toBe('societe oenologique martin');
    });

    it('checks the merged customer: a new country re-checks the numbers already stored', async () => {
      const before = await allRows();
      const response = await patch(martinId, { country: 'BE' }).expect(422);
      expect(response.body.error.details).toEqual([{ path: 'registrationNumber', issue: expect.stringContaining('BCE/KBO') }]);
      const toConsumer = await patch(martinId, { type: 'consumer' }).expect(422);
      expect(toConsumer.body.error.details.map((d: { path: string }) => d.path)).toEqual(['registrationNumber']);
      expect(await allRows()).toEqual(before);
      // Both changes at once are consistent.
      const moved = await patch(martinId, { country: 'BE', registrationNumber: '0403.170.701', vatNumber: 'BE0403170701', billingAddress: { lines: ['Rue Haute 1'], postalCode: '1000', city: 'Bruxelles', country: 'BE' } }).expect(200);
      expect(moved.body).toMatchObject({ country: 'BE', registrationNumber: '0403170701', vatNumber: 'BE0403170701' });
      await patch(martinId, { country: 'FR', registrationNumber: '542051180', vatNumber: 'FR59542051180' }).expect(200);
    });

    it('refuses an externalId another customer of the creditor has: 409, nothing changed', async () => {
      const before = await allRows();
      const response = await patch(martinId, { externalId: 'CUST-0107' }).expect(409);
      expect(response.body.error).toMatchObject({ code: 'CUSTOMER.EXTERNAL_ID_CONFLICT', details: [{ path: 'externalId', issue: 'externalId CUST-0107 is taken' }] });
      expect(await allRows()).toEqual(before);
      // An externalId only another creditor's customer has is free.
      await patch(martinId, { externalId: 'CUST-0042-B' }).expect(200);
      await patch(martinId, { externalId: 'CUST-0042' }).expect(200);
    });

    it('answers 404 for an unknown id and 422 for an id that is not a UUID', async () => {
      expect((await patch('00000000-0000-4000-8000-000000000000', { legalName: 'X' }).expect(404)).body.error.code).toBe('CUSTOMER.NOT_FOUND');
      expect((await patch('nope', { legalName: 'X' }).expect(422)).body.error.details).toEqual([{ path: 'id', issue: 'id must be a UUID' }]);
    });

    describe('refuses malformed changes with a 422 naming the field, and changes nothing', () => {
      const cases: [string, unknown, string][] = [
        ['required field cleared', { legalName: null }, 'legalName'],
        ['billing address cleared', { billingAddress: null }, 'billingAddress'],
        ['contacts cleared with null', { contacts: null }, 'contacts'],
        ['creditor changed', { creditorId: 'other-co' }, 'creditorId'],
        ['unknown field', { nickname: 'Martin' }, 'nickname'],
        ['SIREN with a typo', { registrationNumber: '542051181' }, 'registrationNumber'],
        ['VAT number of another company', { vatNumber: 'FR44732829320' }, 'vatNumber'],
        ['contact with neither e-mail nor phone', { contacts: [{ role: 'billing', name: 'Compta' }] }, 'contacts.0.email'],
        ['contact language de', { contacts: [{ role: 'billing', name: 'Compta', email: 'a@b.fr', language: 'de' }] }, 'contacts.0.language'],
        ['postal code of another country', { billingAddress: { lines: ['Rue Haute 1'], postalCode: '75002', city: 'Bruxelles', country: 'BE' } }, 'billingAddress.postalCode'],
        ['flag as a string', { habitualLatePayer: 'yes' }, 'habitualLatePayer'],
        ['type unknown', { type: 'company' }, 'type'],
        ['name of 50,000 characters', { legalName: 'x'.repeat(50_000) }, 'legalName'],
      ];

      it.each(cases)('%s', async (_label, body, field) => {
        const before = await allRows();
        const response = await patch(martinId, body).expect(422);
        expect(response.body.error.code).toBe('VALIDATION.FAILED');
        expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
        expect(await allRows()).toEqual(before);
      });
    });
  });

  describe('refuses malformed customers with a 4xx naming the field, and stores nothing', () => {
    const fresh = (overrides: Record<string, unknown>) => frenchBusiness({ externalId: 'CUST-NEW', ...overrides });
    const cases: [string, unknown, string][] = [
      ['missing externalId', fresh({ externalId: undefined }), 'externalId'],
      ['externalId with spaces at the end', fresh({ externalId: 'CUST-1 ' }), 'externalId'],
      ['externalId of 101 characters', fresh({ externalId: 'X'.repeat(101) }), 'externalId'],
      ['externalId as a number', fresh({ externalId: 42 }), 'externalId'],
      ['creditorId not a slug', fresh({ creditorId: 'Other Co' }), 'creditorId'],
      ['unknown type', fresh({ type: 'company' }), 'type'],
      ['missing legal name', fresh({ legalName: undefined }), 'legalName'],
      ['legal name with a line break', fresh({ legalName: 'Boulangerie\r\nMartin' }), 'legalName'],
      ['legal name of 50,000 characters', fresh({ legalName: 'x'.repeat(50_000) }), 'legalName'],
      ['country in lower case', fresh({ country: 'fr' }), 'country'],
      ['country UK (not ISO: GB)', fresh({ country: 'UK', registrationNumber: null, vatNumber: null }), 'country'],
      ['SIREN with a typo (Luhn)', fresh({ registrationNumber: '542051181', vatNumber: null }), 'registrationNumber'],
      ['SIRET with a typo (Luhn)', fresh({ registrationNumber: '54205118000067' }), 'registrationNumber'],
      ['Belgian company with a SIREN', fresh({ country: 'BE', vatNumber: null, billingAddress: { lines: ['Rue Haute 1'], postalCode: '1000', city: 'Bruxelles', country: 'BE' } }), 'registrationNumber'],
      ['Belgian enterprise number failing mod 97', belgianBusiness({ externalId: 'CUST-NEW', registrationNumber: '0202239952', vatNumber: null }), 'registrationNumber'],
      ['French VAT key not matching', fresh({ vatNumber: 'FR58542051180' }), 'vatNumber'],
      ['French VAT of another company', fresh({ vatNumber: 'FR44732829320' }), 'vatNumber'],
      ['Belgian VAT for a French company', fresh({ vatNumber: 'BE0202239951' }), 'vatNumber'],
      ['consumer with a SIREN', consumer({ externalId: 'CUST-NEW', registrationNumber: '542051180' }), 'registrationNumber'],
      ['consumer with a VAT number', consumer({ externalId: 'CUST-NEW', vatNumber: 'FR59542051180' }), 'vatNumber'],
      ['registration number of 31 characters', fresh({ country: 'DE', vatNumber: null, registrationNumber: 'A'.repeat(31) }), 'registrationNumber'],
      ['missing billing address', fresh({ billingAddress: undefined }), 'billingAddress'],
      ['billing address without city', fresh({ billingAddress: { lines: ['8 place Bellecour'], postalCode: '69002', country: 'FR' } }), 'billingAddress.city'],
      ['French postal code with letters', fresh({ billingAddress: { lines: ['8 place Bellecour'], postalCode: '69OO2', city: 'Lyon', country: 'FR' } }), 'billingAddress.postalCode'],
      ['registered office as an array', fresh({ registeredOffice: [] }), 'registeredOffice'],
      ['contacts not an array', fresh({ contacts: { role: 'billing' } }), 'contacts'],
      ['21 contacts', fresh({ contacts: Array.from({ length: 21 }, (_, i) => ({ role: 'other', name: `C${i}`, email: `c${i}@x.fr` })) }), 'contacts'],
      ['contact role unknown', fresh({ contacts: [{ role: 'boss', name: 'A', email: 'a@b.fr' }] }), 'contacts.0.role'],
      ['contact e-mail malformed', fresh({ contacts: [{ role: 'billing', name: 'A', email: 'a@b.fr' }, { role: 'other', name: 'B', email: 'b@' }] }), 'contacts.1.email'],
      ['contact phone in national form', fresh({ contacts: [{ role: 'billing', name: 'A', phone: '04 72 00 00 00' }] }), 'contacts.0.phone'],
      ['contact without e-mail nor phone', fresh({ contacts: [{ role: 'billing', name: 'A', email: null }] }), 'contacts.0.email'],
      ['contact with an unknown field', fresh({ contacts: [{ role: 'billing', name: 'A', email: 'a@b.fr', fax: '+33100000000' }] }), 'contacts.0.fax'],
      ['plan override as a number', fresh({ planOverride: 7 }), 'planOverride'],
      ['late-payer flag as a string', fresh({ habitualLatePayer: 'true' }), 'habitualLatePayer'],
      ['unknown field', fresh({ siren: '542051180' }), 'siren'],
      ['id in the body', fresh({ id: '00000000-0000-4000-8000-000000000000' }), 'id'],
    ];

    it.each(cases)('%s', async (_label, body, field) => {
      const before = await allRows();
      const response = await post(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await allRows()).toEqual(before);
    });

    it('a 10 MB body (413), malformed JSON (400)', async () => {
      const before = await allRows();
      const huge = await post(fresh({ legalName: 'x'.repeat(10 * 1024 * 1024) })).expect(413);
      expect(huge.body.error.code).toBe('REQUEST.TOO_LARGE');
      const malformed = await request(stack.http).post('/v1/customers').set('Content-Type', 'application/json').send('{"externalId": ').expect(400);
      expect(malformed.body.error.code).toBe('REQUEST.MALFORMED_JSON');
      expect(await allRows()).toEqual(before);
    });
  });

  describe('GET /v1/customers: filters and cursor pagination', () => {
    const names = ['Épicerie Dupont', 'Garage Lefèvre', 'Pharmacie Moreau', 'Boucherie Petit', 'Café du Commerce', 'Librairie Roux', 'Fleuriste Girard'];

    beforeAll(async () => {
      // 28 more customers, some in parallel: FR/BE, businesses and consumers, a few late payers.
      const bodies = Array.from({ length: 28 }, (_, i) => {
        const legalName = `${names[i % names.length]} ${i}`;
        if (i % 4 === 1) return belgianBusiness({ externalId: `LIST-${i}`, legalName, registrationNumber: null, vatNumber: null, habitualLatePayer: i % 8 === 1 });
        if (i % 4 === 3) return consumer({ externalId: `LIST-${i}`, legalName });
        return frenchBusiness({ externalId: `LIST-${i}`, legalName, registrationNumber: null, vatNumber: null, habitualLatePayer: i % 7 === 0 });
      });
      for (let i = 0; i < bodies.length; i += 4) {
        const responses = await Promise.all(bodies.slice(i, i + 4).map((body) => post(body)));
        expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
      }
      // Rows created in the same microsecond are ordered by id: give five the very same created_at.
      const tied = (await allRows()).slice(10, 15).map((row) => row.id);
      await stack.dataSource.query(`UPDATE customers SET created_at = (SELECT created_at FROM customers WHERE id = $1) WHERE id = ANY($2)`, [tied[0], tied]);
    });

    /** Every item of a filtered list, walking the pages; also answers how many pages it took. */
    async function walk(query: Record<string, string | number | boolean>, limit: number) {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const { body } = await list({ ...query, limit, ...(cursor ? { cursor } : {}) }).expect(200);
        expect(body.items.length).toBeLessThanOrEqual(limit);
        ids.push(...body.items.map((c: { id: string }) => c.id));
        cursor = body.nextCursor ?? undefined;
        pages += 1;
        expect(pages).toBeLessThan(100);
      } while (cursor);
      return { ids, pages };
    }

    it('walks every customer through more than two pages, in (created_at, id) order, with no duplicate and none missing', async () => {
      const expected = (
        await stack.dataSource.query(`SELECT id FROM customers ORDER BY created_at, id`)
      ).map((row: { id: string }) => row.id);
      expect(expected.length).toBeGreaterThan(30);
      const { ids, pages } = await walk({}, 7);
      expect(pages).toBe(Math.ceil(expected.length / 7));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected);
    });

    it('answers nextCursor null on the last page, and a page of the default size without limit', async () => {
      const { body } = await list({}).expect(200);
      expect(body.items.length).toBe(Math.min(50, await repo().count()));
      expect(body.nextCursor).toBeNull();
      const exact = await repo().count();
      expect((await list({ limit: exact }).expect(200)).body.nextCursor).toBeNull();
      expect((await list({ limit: exact - 1 }).expect(200)).body.nextCursor).toEqual(expect.any(String));
    });

    it('a customer created meanwhile shows up on a later page, never shifting the pages already read', async () => {
      const first = await list({ limit: 5 }).expect(200);
      const { body: added } = await post(frenchBusiness({ externalId: 'LIST-LATE', legalName: 'Arrivée Tardive', registrationNumber: null, vatNumber: null })).expect(201);
      const rest: string[] = [];
      let cursor: string | null = first.body.nextCursor;
      while (cursor) {
        const { body } = await list({ limit: 5, cursor }).expect(200);
        rest.push(...body.items.map((c: { id: string }) => c.id));
        cursor = body.nextCursor;
      }
      expect(rest.at(-1)).toBe(added.id);
      const firstIds = first.body.items.map((c: { id: string }) => c.id);
      expect(rest.filter((id) => firstIds.includes(id))).toEqual([]);
      expect(firstIds.length + rest.length).toBe(await repo().count());
    });

    it.each([
      ['type=consumer', { type: 'consumer' }, (row: CustomerEntity) => row.type === 'consumer'],
      ['country=BE', { country: 'BE' }, (row: CustomerEntity) => row.country === 'BE'],
      ['habitualLatePayer=true', { habitualLatePayer: 'true' }, (row: CustomerEntity) => row.habitualLatePayer],
      ['habitualLatePayer=false', { habitualLatePayer: 'false' }, (row: CustomerEntity) => !row.habitualLatePayer],
      ['creditorId=other-co', { creditorId: 'other-co' }, (row: CustomerEntity) => row.creditorId === 'other-co'],
      ['type=business&country=FR', { type: 'business', country: 'FR' }, (row: CustomerEntity) => row.type === 'business' && row.country === 'FR'],
      ['q=epicerie (accent and case ignored)', { q: 'EPICERIE' }, (row: CustomerEntity) => row.legalName.startsWith('Épicerie')],
      ['q=lefèvre 1', { q: 'lefèvre 1' }, (row: CustomerEntity) => /^Garage Lefèvre 1\d*$/.test(row.legalName)],
      ['q=% (a literal percent sign)', { q: '%' }, () => false],
      ['externalId=LIST-3', { externalId: 'LIST-3' }, (row: CustomerEntity) => row.externalId === 'LIST-3'],
    ] as const)('filters %s, across pages', async (_label, query, keep) => {
      const expected = (await allRows()).filter(keep).map((row) => row.id);
      const { ids } = await walk(query, 2);
      expect(ids).toEqual(expected);
      if (_label !== 'q=% (a literal percent sign)' && !_label.startsWith('externalId')) expect(expected.length).toBeGreaterThan(0);
    });

    it.each([
      ['limit=0', { limit: '0' }, 'limit'],
      ['limit=201', { limit: '201' }, 'limit'],
      ['limit=ten', { limit: 'ten' }, 'limit'],
      ['limit=2.5', { limit: '2.5' }, 'limit'],
      ['type=company', { type: 'company' }, 'type'],
      ['country=fr', { country: 'fr' }, 'country'],
      ['habitualLatePayer=yes', { habitualLatePayer: 'yes' }, 'habitualLatePayer'],
      ['q empty', { q: '' }, 'q'],
      ['q of 101 characters', { q: 'x'.repeat(101) }, 'q'],
      ['cursor not issued by the API', { cursor: 'not-a-cursor' }, 'cursor'],
      ['cursor with an impossible date', { cursor: Buffer.from(JSON.stringify(['2026-02-30T10:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url') }, 'cursor'],
      ['creditorId not a slug', { creditorId: 'Other Co' }, 'creditorId'],
      ['unknown query field', { sort: 'name' }, 'sort'],
    ])('refuses %s with 422 naming the field', async (_label, query, field) => {
      const response = await list(query).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    });
  });

  it('documents the routes with examples and error responses', async () => {
    const { body } = await request(stack.http).get('/docs-json').expect(200);
    const collection = body.paths['/v1/customers'];
    expect(Object.keys(collection.post.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '409', '413', '422']));
    expect(Object.keys(collection.post.requestBody.content['application/json'].examples)).toHaveLength(3);
    expect(Object.keys(collection.get.responses)).toEqual(expect.arrayContaining(['200', '422']));
    expect(collection.get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['creditorId', 'externalId', 'type', 'country', 'habitualLatePayer', 'q', 'limit', 'cursor']),
    );
    const one = body.paths['/v1/customers/{id}'];
    expect(Object.keys(one.get.responses)).toEqual(expect.arrayContaining(['200', '404', '422']));
    expect(Object.keys(one.patch.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '422']));
    expect(body.components.schemas.UpdateCustomerDto.properties.creditorId).toBeUndefined();
    expect(body.components.schemas.UpdateCustomerDto.required ?? []).toEqual([]);
  });
});
