import request from 'supertest';
import { CreditorEntity } from '../../src/db/entities/creditor.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// GET/PUT /v1/creditors over HTTP on the real stack (PostgreSQL with migrations, Temporal dev
// server, the API). One database for the file: the tests build on each other, in order.
describe('creditors API on the real stack', () => {
  let stack: TestStack;
  const put = (id: string, body: unknown) => request(stack.http).put(`/v1/creditors/${id}`).send(body as object);
  const rows = () => stack.dataSource.getRepository(CreditorEntity).find({ order: { id: 'ASC' } });

  /** A French creditor written the way people type it: spaces and dots in the numbers. */
  const french = (overrides: Record<string, unknown> = {}) => ({
    legalName: 'Atelier Dubois SAS',
    jurisdiction: 'FR',
    registrationNumber: '732 829 320',
    vatNumber: 'FR 44 732 829 320',
    address: { lines: ['12 rue de la Paix', 'Bâtiment B'], postalCode: '75002', city: 'Paris', country: 'FR' },
    signatory: { name: 'Claire Dubois', title: 'Présidente' },
    competentCourt: { name: 'Tribunal des activités économiques de Paris' },
    bankDetails: { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp' },
    billingContact: { name: 'Service comptabilité clients', email: 'compta-clients@atelier-dubois.fr', phone: '+33 1 84 60 12 34' },
    defaultPlanName: 'fr-b2b-default',
    ...overrides,
  });
  const belgian = (overrides: Record<string, unknown> = {}) => ({
    legalName: 'Brasserie Lambert SRL',
    jurisdiction: 'BE',
    registrationNumber: '0403.170.701',
    vatNumber: 'BE0403170701',
    address: { lines: ['Rue de la Loi 16'], postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    signatory: { name: 'Marc Lambert', title: 'Gérant' },
    competentCourt: { name: "Tribunal de l'entreprise francophone de Bruxelles" },
    bankDetails: { iban: 'BE68539007547034' },
    billingContact: { name: 'Comptabilité', email: 'comptabilite@brasserie-lambert.be' },
    ...overrides,
  });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('has no creditor at first: empty list, 404 CREDITOR.NOT_FOUND', async () => {
    expect((await request(stack.http).get('/v1/creditors').expect(200)).body).toEqual({ items: [] });
    const missing = await request(stack.http).get('/v1/creditors/default').expect(404);
    expect(missing.body.error).toMatchObject({ code: 'CREDITOR.NOT_FOUND', details: [] });
  });

  it('creates the default creditor with PUT (201), numbers stored compact', async () => {
    const { body } = await put('default', french()).expect(201);
    expect(body).toEqual({
      id: 'default',
      legalName: 'Atelier Dubois SAS',
      jurisdiction: 'FR',
      registrationNumber: '732829320',
      vatNumber: 'FR44732829320',
      address: { lines: ['12 rue de la Paix', 'Bâtiment B'], postalCode: '75002', city: 'Paris', country: 'FR' },
      signatory: { name: 'Claire Dubois', title: 'Présidente' },
      competentCourt: { name: 'Tribunal des activités économiques de Paris' },
      bankDetails: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
      billingContact: { name: 'Service comptabilité clients', email: 'compta-clients@atelier-dubois.fr', phone: '+33184601234' },
      defaultPlanName: 'fr-b2b-default',
      createdAt: expect.any(String),
      updatedAt: body.createdAt,
    });
    const [row] = await rows();
    expect(row).toMatchObject({ id: 'default', registrationNumber: '732829320', iban: 'FR7630006000011234567890189', signatoryTitle: 'Présidente' });
    expect((await request(stack.http).get('/v1/creditors/default').expect(200)).body).toEqual(body);
  });

  it('is idempotent: the same PUT again answers 200 and changes nothing, updatedAt included', async () => {
    const before = (await request(stack.http).get('/v1/creditors/default').expect(200)).body;
    const again = await put('default', french()).expect(200);
    expect(again.body).toEqual(before);
    // Written differently but meaning the same (other spacing, compact forms): still no change.
    const sameMeaning = await put('default', french({ registrationNumber: '732829320', vatNumber: 'FR44732829320', legalName: '  Atelier Dubois SAS ' })).expect(200);
    expect(sameMeaning.body.updatedAt).toBe(before.updatedAt);
  });

  it('replaces the whole profile: changed fields move updatedAt, optional fields left out are cleared', async () => {
    const before = (await request(stack.http).get('/v1/creditors/default').expect(200)).body;
    const { vatNumber: _vat, defaultPlanName: _plan, ...withoutOptionals } = french({ signatory: { name: 'Paul Dubois', title: 'Directeur général' } });
    const { body } = await put('default', withoutOptionals).expect(200);
    expect(body).toMatchObject({ signatory: { name: 'Paul Dubois', title: 'Directeur général' }, vatNumber: null, defaultPlanName: null, createdAt: before.createdAt });
    expect(Date.parse(body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    // Back to the full profile for the tests below.
    await put('default', french()).expect(200);
  });

  it('stores a Belgian creditor, and lists every profile by id', async () => {
    const { body } = await put('brasserie-lambert', belgian()).expect(201);
    expect(body).toMatchObject({ id: 'brasserie-lambert', jurisdiction: 'BE', registrationNumber: '0403170701', vatNumber: 'BE0403170701', bankDetails: { iban: 'BE68539007547034', bic: null } });
    expect(body.billingContact.phone).toBeNull();
    const list = await request(stack.http).get('/v1/creditors').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['brasserie-lambert', 'default']);
  });

  it('accepts a SIRET, the La Poste exception and a Belgian number starting with 1', async () => {
    await put('acme-siret', french({ registrationNumber: '732 829 320 00074' })).expect(201);
    await put('la-poste', french({ registrationNumber: '35600000049837', vatNumber: 'FR39356000000' })).expect(201);
    const first8 = '10000000';
    const newStyle = first8 + String(97 - (Number(first8) % 97)).padStart(2, '0');
    await put('be-new', belgian({ registrationNumber: newStyle, vatNumber: `BE${newStyle}` })).expect(201);
  });

  it('lets concurrent PUTs of a new id create it once', async () => {
    const responses = await Promise.all([1, 2, 3].map(() => put('concurrent', belgian())));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await stack.dataSource.getRepository(CreditorEntity).countBy({ id: 'concurrent' })).toBe(1);
  });

  it('refuses an id that is not a slug with 422 naming id', async () => {
    for (const id of ['Default', '-x', 'a_b', 'x'.repeat(41), 'caf%C3%A9']) {
      const bad = await request(stack.http).get(`/v1/creditors/${id}`).expect(422);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION.FAILED', details: [{ path: 'id', issue: expect.stringContaining('lower-case') }] });
      await put(id, french()).expect(422);
    }
    expect((await rows()).map((r) => r.id)).not.toContain('Default');
  });

  describe('refuses malformed profiles with a 422 naming the field, and changes nothing', () => {
    const cases: [string, unknown, string][] = [
      ['missing legal name', french({ legalName: undefined }), 'legalName'],
      ['blank legal name', french({ legalName: '   ' }), 'legalName'],
      ['legal name on two lines', french({ legalName: 'Atelier\nDubois' }), 'legalName'],
      ['legal name of 50,000 characters', french({ legalName: 'x'.repeat(50_000) }), 'legalName'],
      ['legal name as a number', french({ legalName: 42 }), 'legalName'],
      ['unknown jurisdiction', french({ jurisdiction: 'DE' }), 'jurisdiction'],
      ['SIREN with a typo (Luhn)', french({ registrationNumber: '732829321', vatNumber: null }), 'registrationNumber'],
      ['SIREN of 8 digits', french({ registrationNumber: '73282932', vatNumber: null }), 'registrationNumber'],
      ['SIRET with a typo (Luhn)', french({ registrationNumber: '73282932000079' }), 'registrationNumber'],
      ['registration number as a JSON number', french({ registrationNumber: 732829320 }), 'registrationNumber'],
      ['registration number with letters', french({ registrationNumber: 'RCS Paris 732829320' }), 'registrationNumber'],
      ['Belgian creditor with a SIREN', belgian({ registrationNumber: '732829320', vatNumber: null }), 'registrationNumber'],
      ['Belgian enterprise number failing mod 97', belgian({ registrationNumber: '0403170702', vatNumber: null }), 'registrationNumber'],
      ['French VAT key not matching the SIREN', french({ vatNumber: 'FR45732829320' }), 'vatNumber'],
      ['French VAT of another company', french({ vatNumber: 'FR59542051180' }), 'vatNumber'],
      ['Belgian VAT for a French creditor', french({ vatNumber: 'BE0403170701' }), 'vatNumber'],
      ['Belgian VAT failing mod 97', belgian({ vatNumber: 'BE0403170702' }), 'vatNumber'],
      ['Belgian VAT in the old 9-digit form', belgian({ vatNumber: 'BE403170701' }), 'vatNumber'],
      ['missing address', french({ address: undefined }), 'address'],
      ['address as a string', french({ address: '12 rue de la Paix, 75002 Paris' }), 'address'],
      ['address without lines', french({ address: { lines: [], postalCode: '75002', city: 'Paris', country: 'FR' } }), 'address.lines'],
      ['address with 5 lines', french({ address: { lines: ['a', 'b', 'c', 'd', 'e'], postalCode: '75002', city: 'Paris', country: 'FR' } }), 'address.lines'],
      ['French postal code of 4 digits', french({ address: { lines: ['1 rue X'], postalCode: '7500', city: 'Paris', country: 'FR' } }), 'address.postalCode'],
      ['Belgian postal code of 5 digits', belgian({ address: { lines: ['Rue de la Loi 16'], postalCode: '10000', city: 'Bruxelles', country: 'BE' } }), 'address.postalCode'],
      ['country in lower case', french({ address: { lines: ['1 rue X'], postalCode: '75002', city: 'Paris', country: 'fr' } }), 'address.country'],
      ['country that does not exist', french({ address: { lines: ['1 rue X'], postalCode: '75002', city: 'Paris', country: 'XX' } }), 'address.country'],
      ['unknown field in the address', french({ address: { lines: ['1 rue X'], postalCode: '75002', city: 'Paris', country: 'FR', street: 'x' } }), 'address.street'],
      ['signatory without title', french({ signatory: { name: 'Claire Dubois' } }), 'signatory.title'],
      ['missing competent court', french({ competentCourt: undefined }), 'competentCourt'],
      ['IBAN with a typo (mod 97)', french({ bankDetails: { iban: 'FR7630006000011234567890188' } }), 'bankDetails.iban'],
      ['IBAN too short for France', french({ bankDetails: { iban: 'FR76300060000112345678901' } }), 'bankDetails.iban'],
      ['BIC of 9 characters', french({ bankDetails: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPX' } }), 'bankDetails.bic'],
      ['billing e-mail malformed', french({ billingContact: { name: 'Compta', email: 'compta-at-dubois.fr' } }), 'billingContact.email'],
      ['billing phone in national form', french({ billingContact: { name: 'Compta', email: 'compta@dubois.fr', phone: '01 84 60 12 34' } }), 'billingContact.phone'],
      ['plan name as a number', french({ defaultPlanName: 3 }), 'defaultPlanName'],
      ['unknown field', french({ siren: '732829320' }), 'siren'],
      ['id in the body', french({ id: 'other' }), 'id'],
    ];

    it.each(cases)('%s', async (_label, body, field) => {
      const before = await rows();
      const response = await put('default', body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await rows()).toEqual(before);
    });

    it('the same on an id that does not exist yet: nothing is created', async () => {
      const response = await put('not-yet', french({ registrationNumber: '732829321', vatNumber: null })).expect(422);
      expect(response.body.error.details).toEqual([{ path: 'registrationNumber', issue: expect.stringContaining('Luhn') }]);
      await request(stack.http).get('/v1/creditors/not-yet').expect(404);
    });

    it('a 10 MB body: 413 REQUEST.TOO_LARGE', async () => {
      const before = await rows();
      const response = await put('default', french({ legalName: 'x'.repeat(10 * 1024 * 1024) })).expect(413);
      expect(response.body.error.code).toBe('REQUEST.TOO_LARGE');
      expect(await rows()).toEqual(before);
    });

    it('malformed JSON, a JSON array, an empty body', async () => {
      const before = await rows();
      const malformed = await request(stack.http).put('/v1/creditors/default').set('Content-Type', 'application/json').send('{"legalName": ').expect(400);
      expect(malformed.body.error.code).toBe('REQUEST.MALFORMED_JSON');
      const array = await request(stack.http).put('/v1/creditors/default').send([french()]);
      expect([400, 422]).toContain(array.status);
      const empty = await request(stack.http).put('/v1/creditors/default').set('Content-Type', 'application/json').send('{}').expect(422);
      expect(empty.body.error.details.map((d: { path: string }) => d.path)).toEqual(
        expect.arrayContaining(['legalName', 'jurisdiction', 'registrationNumber', 'address', 'signatory', 'competentCourt', 'bankDetails', 'billingContact']),
      );
      expect(await rows()).toEqual(before);
    });
  });

  it('documents the routes with examples and error responses', async () => {
    const { body } = await request(stack.http).get('/docs-json').expect(200);
    expect(Object.keys(body.paths['/v1/creditors'].get.responses)).toContain('200');
    const one = body.paths['/v1/creditors/{id}'];
    expect(Object.keys(one.get.responses)).toEqual(expect.arrayContaining(['200', '404', '422']));
    expect(Object.keys(one.put.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '413', '422']));
    expect(Object.keys(one.put.requestBody.content['application/json'].examples)).toHaveLength(2);
    expect(Object.keys(one.put.responses['422'].content['application/json'].examples)).toEqual(expect.arrayContaining(['badSiren', 'badVatKey', 'badIban']));
  });
});
