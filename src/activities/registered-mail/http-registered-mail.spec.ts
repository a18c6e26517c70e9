import { createHttpRegisteredMail } from './http-registered-mail';
import { RegisteredMailRejectedError, type RegisteredLetterToSend } from './registered-mail';

const letter: RegisteredLetterToSend = {
  documentId: '0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90',
  reference: 'invoice:acme:F-1/registered_warning',
  kind: 'registered_warning',
  dunningId: 'invoice:acme:F-1',
  invoiceId: '3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55',
  invoiceNumber: 'F-1',
  step: 'registered_warning',
  letterDate: '2026-02-24',
  sender: { name: 'Atelier Lumière SAS', addressLines: ['18 quai Claude Bernard', '69007 Lyon'] },
  recipient: { name: 'Boulangeries Martin SARL', addressLines: ['3 place Bellecour', '69002 Lyon'], email: 'compta@martin.example' },
  document: { fileName: 'warning.pdf', contentType: 'application/pdf', sha256: 'ab'.repeat(32), content: Buffer.from('%PDF-1.7 test') },
  downloadUrl: '/v1/documents/0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90/content',
};

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('HTTP registered-mail adapter', () => {
  it('POSTs the PDF with the key and an idempotency key; a deposit date makes the letter posted', async () => {
    const { fetch, calls } = fakeFetch(201, { trackingNumber: ' LRE-1 ', status: 'posted', postedOn: '2026-02-24' });
    const provider = createHttpRegisteredMail({ url: 'https://lre.example/api/', apiKey: 'k', fetch });
    expect(await provider.submit(letter)).toEqual({ status: 'submitted', trackingNumber: 'LRE-1', postedOn: '2026-02-24' });
    expect(calls[0].url).toBe('https://lre.example/api/letters');
    expect(calls[0].init.headers).toMatchObject({ Authorization: 'Bearer k', 'Idempotency-Key': letter.reference, 'Content-Type': 'application/json' });
    const body = JSON.parse(String(calls[0].init.body));
    expect(body).toMatchObject({ reference: letter.reference, kind: 'registered_warning', acknowledgmentOfReceipt: true, recipient: letter.recipient });
    expect(Buffer.from(body.document.contentBase64, 'base64').toString()).toBe('%PDF-1.7 test');
  });

  it('asks where a letter stands', async () => {
    const { fetch, calls } = fakeFetch(200, { trackingNumber: 'LRE/1', status: 'accepted', postedOn: null });
    const provider = createHttpRegisteredMail({ url: 'https://lre.example', apiKey: 'k', fetch });
    expect(await provider.status!('LRE/1')).toEqual({ postedOn: null, returned: false });
    expect(calls[0].url).toBe('https://lre.example/letters/LRE%2F1');
  });

  it('takes a 4xx refusal as permanent, 429, 5xx and malformed answers as worth a retry', async () => {
    const refused = createHttpRegisteredMail({ url: 'https://lre.example', apiKey: 'k', fetch: fakeFetch(422, { error: 'address incomplete' }).fetch });
    await expect(refused.submit(letter)).rejects.toBeInstanceOf(RegisteredMailRejectedError);
    await expect(refused.submit(letter)).rejects.toThrow('HTTP 422 {"error":"address incomplete"}');
    for (const [status, body] of [
      [429, { error: 'slow down' }],
      [503, 'down'],
      [200, 'not json'],
      [200, { status: 'accepted' }],
      [200, { trackingNumber: 'X', status: 'posted', postedOn: null }],
      [200, { trackingNumber: 'X', status: 'lost' }],
    ] as const) {
      const provider = createHttpRegisteredMail({ url: 'https://lre.example', apiKey: 'k', fetch: fakeFetch(status, body).fetch });
      const error = await provider.submit(letter).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(RegisteredMailRejectedError);
    }
  });
});
