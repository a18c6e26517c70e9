import { partyIdentifierProblems } from './party-identifiers';

describe('partyIdentifierProblems', () => {
  it('accepts matching French SIREN/SIRET and VAT numbers', () => {
    expect(partyIdentifierProblems('FR', { registrationNumber: '732829320', vatNumber: 'FR44732829320' })).toEqual([]);
    expect(partyIdentifierProblems('FR', { registrationNumber: '73282932000074', vatNumber: 'FR44732829320' })).toEqual([]);
    expect(partyIdentifierProblems('FR', {})).toEqual([]);
  });

  it('accepts matching Belgian numbers', () => {
    expect(partyIdentifierProblems('BE', { registrationNumber: '0403170701', vatNumber: 'BE0403170701' })).toEqual([]);
  });

  it('names each invalid field', () => {
    expect(partyIdentifierProblems('FR', { registrationNumber: '732829321', vatNumber: 'FR45732829320' })).toEqual([
      { field: 'registrationNumber', issue: expect.stringContaining('Luhn') },
      { field: 'vatNumber', issue: expect.stringContaining('key') },
    ]);
    expect(partyIdentifierProblems('BE', { registrationNumber: '732829320' })).toEqual([{ field: 'registrationNumber', issue: expect.stringContaining('10 digits') }]);
  });

  it('refuses a VAT number of another country for an FR or BE company', () => {
    expect(partyIdentifierProblems('FR', { vatNumber: 'BE0403170701' })).toEqual([{ field: 'vatNumber', issue: 'must start with FR for a company of France' }]);
    expect(partyIdentifierProblems('BE', { vatNumber: 'FR44732829320' })).toEqual([{ field: 'vatNumber', issue: 'must start with BE for a company of Belgium' }]);
  });

  it('refuses a VAT number built on another company’s number', () => {
    expect(partyIdentifierProblems('FR', { registrationNumber: '542051180', vatNumber: 'FR44732829320' })).toEqual([
      { field: 'vatNumber', issue: "is built on SIREN 732829320, not on the registration number's SIREN 542051180" },
    ]);
    expect(partyIdentifierProblems('BE', { registrationNumber: '0202239951', vatNumber: 'BE0403170701' })).toEqual([
      { field: 'vatNumber', issue: 'is built on enterprise number 0403170701, not on the registration number 0202239951' },
    ]);
  });

  it('takes other countries’ numbers as written', () => {
    expect(partyIdentifierProblems('DE', { registrationNumber: 'HRB 12345', vatNumber: 'DE123456789' })).toEqual([]);
  });
});
