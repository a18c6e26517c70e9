import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { MailCatcher, type CapturedMail } from './mail-catcher';

/** A few bytes that look like a PDF; enough to check type, name and size round-trip. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** node:http without keep-alive, so no client socket outlives the test. */
function request(url: string, method = 'GET'): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function getJson<T>(url: string): Promise<T> {
  const res = await request(url);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(res.text) as T;
}

async function send(catcher: MailCatcher, mail: SendMailOptions, auth?: { user: string; pass: string }) {
  const transport = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false, ...(auth ? { auth } : {}) });
  try {
    return await transport.sendMail({ from: 'Relance <relance@localhost>', ...mail });
  } finally {
    transport.close();
  }
}

function reminder(overrides: SendMailOptions = {}): SendMailOptions {
  return {
    to: 'Client SARL <client@example.com>',
    cc: 'compta@example.com',
    bcc: 'archive@relance.test',
    subject: 'Relance : facture F-2026-001 échue',
    text: 'Bonjour,\nla facture F-2026-001 de 1 200,00 € est échue.',
    html: '<p>Bonjour,</p><p>la facture <b>F-2026-001</b> de 1&nbsp;200,00&nbsp;€ est échue.</p>',
    messageId: '<dunning-42.step-1@relance.test>',
    headers: { 'X-Relance-Invoice': 'F-2026-001' },
    attachments: [{ filename: 'relance-F-2026-001.pdf', content: PDF, contentType: 'application/pdf' }],
    ...overrides,
  };
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('MailCatcher', () => {
  let storeDir: string;
  let catcher: MailCatcher;

  beforeEach(async () => {
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-catcher-'));
    catcher = await MailCatcher.start({ smtpPort: 0, viewerPort: 0, storeDir });
  });

  afterEach(async () => {
    await catcher.stop();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  it('listens on free ports and exposes their URLs', () => {
    expect(catcher.smtpPort).toBeGreaterThan(0);
    expect(catcher.viewerPort).toBeGreaterThan(0);
    expect(catcher.smtpUrl).toBe(`smtp://127.0.0.1:${catcher.smtpPort}`);
    expect(catcher.viewerUrl).toBe(`http://127.0.0.1:${catcher.viewerPort}`);
  });

  it('captures a message sent with nodemailer: text, html, attachment, envelope and headers', async () => {
    const info = await send(catcher, reminder());
    expect(info.accepted).toEqual(['client@example.com', 'compta@example.com', 'archive@relance.test']);

    const messages = await catcher.messages();
    expect(messages).toHaveLength(1);
    const [mail] = messages as [CapturedMail];
    expect(mail).toMatchObject({
      messageId: '<dunning-42.step-1@relance.test>',
      from: 'relance@localhost',
      to: ['client@example.com'],
      cc: ['compta@example.com'],
      subject: 'Relance : facture F-2026-001 échue',
      text: 'Bonjour,\nla facture F-2026-001 de 1 200,00 € est échue.',
      attachments: [{ filename: 'relance-F-2026-001.pdf', contentType: 'application/pdf', size: PDF.length }],
      envelope: { from: 'relance@localhost', to: ['client@example.com', 'compta@example.com', 'archive@relance.test'] },
    });
    expect(mail.html).toContain('<b>F-2026-001</b>');
    expect(mail.headers).toContainEqual({ name: 'X-Relance-Invoice', value: 'F-2026-001' });
    expect(new Date(mail.date).toISOString()).toBe(mail.date);
    expect(Math.abs(Date.parse(mail.receivedAt) - Date.now())).toBeLessThan(10_000);

    const files = await fs.readdir(storeDir);
    expect(files).toEqual([`${mail.id}.eml`]);
    const raw = await fs.readFile(path.join(storeDir, files[0]!), 'utf8');
    expect(raw).toMatch(/^Return-Path: <relance@localhost>\r\nX-Envelope-To: <client@example.com>,/);
  });

  it('lists newest first, with ids sortable by arrival', async () => {
    for (const n of [1, 2, 3]) await send(catcher, { to: 'a@example.com', subject: `mail ${n}`, text: `${n}` });
    const messages = await catcher.messages();
    expect(messages.map((m) => m.subject)).toEqual(['mail 3', 'mail 2', 'mail 1']);
    const ids = messages.map((m) => m.id);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('returns copies: changing a result does not change the store', async () => {
    await send(catcher, { to: 'a@example.com', subject: 'original', text: 'x' });
    const [first] = await catcher.messages();
    first!.subject = 'changed';
    first!.to.push('intruder@example.com');
    const [again] = await catcher.messages();
    expect(again).toMatchObject({ subject: 'original', to: ['a@example.com'] });
  });

  describe('waitFor', () => {
    it('resolves at once when a matching message is already there', async () => {
      await send(catcher, reminder());
      const mail = await catcher.waitFor((m) => m.to.includes('client@example.com'), 1);
      expect(mail.subject).toContain('F-2026-001');
    });

    it('resolves when a matching message arrives, ignoring the others', async () => {
      const waiting = catcher.waitFor((m) => m.subject === 'the one', 5_000);
      await send(catcher, { to: 'a@example.com', subject: 'another one', text: 'x' });
      await send(catcher, { to: 'b@example.com', subject: 'the one', text: 'y' });
      await expect(waiting).resolves.toMatchObject({ subject: 'the one', to: ['b@example.com'] });
    });

    it('rejects after the timeout with a message that says what was captured', async () => {
      await send(catcher, { to: 'a@example.com', subject: 'not it', text: 'x' });
      const started = Date.now();
      await expect(catcher.waitFor((m) => m.subject === 'never', 100)).rejects.toThrow(
        /no matching message arrived within 100 ms \(1 message captured[\s\S]*"not it"/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    });

    it('rejects pending waits when the catcher stops', async () => {
      const rejected = expect(catcher.waitFor(() => false, 60_000)).rejects.toThrow(/stopped/);
      await catcher.stop();
      await rejected;
    });

    it('rejects when the predicate throws', async () => {
      const rejected = expect(
        catcher.waitFor(() => {
          throw new Error('bad predicate');
        }, 5_000),
      ).rejects.toThrow('bad predicate');
      await send(catcher, { to: 'a@example.com', subject: 's', text: 'x' });
      await rejected;
    });
  });

  describe('viewer HTTP API', () => {
    it('serves the JSON list, one message, its raw .eml, its html and its attachment', async () => {
      await send(catcher, reminder());
      const [mail] = await catcher.messages();
      const id = mail!.id;

      const list = await getJson<CapturedMail[]>(`${catcher.viewerUrl}/api/messages`);
      expect(list).toEqual(await catcher.messages());

      const one = await getJson<CapturedMail>(`${catcher.viewerUrl}/api/messages/${id}`);
      expect(one).toEqual(mail);

      const raw = await request(`${catcher.viewerUrl}/api/messages/${id}/raw`);
      expect(raw.status).toBe(200);
      expect(raw.headers['content-type']).toBe('message/rfc822');
      expect(raw.body.equals(await fs.readFile(path.join(storeDir, `${id}.eml`)))).toBe(true);
      expect(raw.text).toContain('Message-ID: <dunning-42.step-1@relance.test>');

      const html = await request(`${catcher.viewerUrl}/messages/${id}/html`);
      expect(html.status).toBe(200);
      expect(html.text).toBe(mail!.html);
      expect(html.headers['content-security-policy']).toMatch(/^sandbox/);

      const attachment = await request(`${catcher.viewerUrl}/messages/${id}/attachments/0`);
      expect(attachment.status).toBe(200);
      expect(attachment.headers['content-type']).toBe('application/pdf');
      expect(attachment.headers['content-disposition']).toMatch(/^attachment; filename="relance-F-2026-001.pdf"/);
      expect(attachment.body.equals(PDF)).toBe(true);
    });

    it('renders the list and the message page', async () => {
      await send(catcher, reminder());
      const [mail] = await catcher.messages();

      const index = await request(`${catcher.viewerUrl}/`);
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(index.text).toMatch(/<meta http-equiv="refresh" content="\d+">/);
      expect(index.text).toContain(`href="/messages/${mail!.id}"`);
      expect(index.text).toContain('Relance : facture F-2026-001 échue');
      expect(index.text).toContain('Relance &#60;relance@localhost&#62;');
      expect(index.text).toContain('Client SARL &#60;client@example.com&#62;');

      const page = await request(`${catcher.viewerUrl}/messages/${mail!.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<iframe class="html" title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox"`);
      expect(page.text).toContain(`src="/messages/${mail!.id}/html"`);
      expect(page.text).toContain('la facture F-2026-001 de 1 200,00 € est échue.');
      expect(page.text).toContain('relance-F-2026-001.pdf');
      expect(page.text).toContain('X-Relance-Invoice');
    });

    it('escapes what it puts in HTML', async () => {
      const subject = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
      await send(catcher, { to: '"<b>Evil</b>" <evil@example.com>', subject, text: '</pre><script>alert(2)</script>' });
      const [mail] = await catcher.messages();
      expect(mail!.subject).toBe(subject);

      for (const url of [`${catcher.viewerUrl}/`, `${catcher.viewerUrl}/messages/${mail!.id}`]) {
        const page = await request(url);
        expect(page.text).not.toContain('<script>alert');
        expect(page.text).not.toContain('<img src=x');
        expect(page.text).not.toContain('<b>Evil</b>');
        expect(page.text).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;img src=x onerror=alert(1)&#62;');
        expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      }
      const notFound = await request(`${catcher.viewerUrl}/messages/%3Cscript%3E`);
      expect(notFound.status).toBe(404);
      expect(notFound.text).not.toContain('<script>');
    });

    it('answers 404 for unknown messages and 405 for other methods', async () => {
      expect((await request(`${catcher.viewerUrl}/api/messages/nope`)).status).toBe(404);
      expect((await request(`${catcher.viewerUrl}/api/messages/nope/raw`)).status).toBe(404);
      expect((await request(`${catcher.viewerUrl}/api/messages/..%2F..%2Fetc%2Fpasswd/raw`)).status).toBe(404);
      expect((await request(`${catcher.viewerUrl}/messages/nope/html`)).status).toBe(404);
      expect((await request(`${catcher.viewerUrl}/messages/nope`)).status).toBe(404);
      const post = await request(`${catcher.viewerUrl}/api/messages`, 'POST');
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, DELETE, HEAD');
    });

    it('answers Mailpit\'s search for one Message-ID, exactly, and refuses other searches', async () => {
      await send(catcher, reminder());
      await send(catcher, reminder({ messageId: '<dunning-43.step-1@relance.test>' }));
      const search = (query: string) => request(`${catcher.viewerUrl}/api/v1/search?query=${encodeURIComponent(query)}`);

      const found = await search('message-id:dunning-42.step-1@relance.test');
      expect(found.status).toBe(200);
      const answer = JSON.parse(found.text) as { messages_count: number; messages: { MessageID: string; To: { Address: string }[] }[] };
      expect(answer.messages_count).toBe(1);
      expect(answer.messages[0]).toMatchObject({ MessageID: 'dunning-42.step-1@relance.test' });
      expect(JSON.parse((await search('message-id:"<dunning-43.step-1@relance.test>"')).text)).toMatchObject({ messages_count: 1 });
      expect(JSON.parse((await search('message-id:dunning-44.step-1@relance.test')).text)).toMatchObject({ messages_count: 0, messages: [] });
      expect((await search('subject:Relance')).status).toBe(400);
    });

    it('DELETE /api/messages clears memory and storeDir', async () => {
      await send(catcher, reminder());
      await send(catcher, reminder({ subject: 'second' }));
      expect(await fs.readdir(storeDir)).toHaveLength(2);

      const res = await request(`${catcher.viewerUrl}/api/messages`, 'DELETE');
      expect(res.status).toBe(204);
      expect(await catcher.messages()).toEqual([]);
      expect(await fs.readdir(storeDir)).toEqual([]);
      expect(await getJson<CapturedMail[]>(`${catcher.viewerUrl}/api/messages`)).toEqual([]);
    });

    it('DELETE /api/messages/:id removes one message', async () => {
      await send(catcher, reminder({ subject: 'keep' }));
      await send(catcher, reminder({ subject: 'drop' }));
      const drop = (await catcher.messages()).find((m) => m.subject === 'drop')!;
      expect((await request(`${catcher.viewerUrl}/api/messages/${drop.id}`, 'DELETE')).status).toBe(204);
      expect((await catcher.messages()).map((m) => m.subject)).toEqual(['keep']);
      expect(await fs.readdir(storeDir)).toHaveLength(1);
    });
  });

  it('keeps messages across a restart with the same storeDir', async () => {
    await send(catcher, reminder());
    const before = await catcher.messages();
    await catcher.stop();

    catcher = await MailCatcher.start({ smtpPort: 0, viewerPort: 0, storeDir });
    expect(await catcher.messages()).toEqual(before);
    await expect(catcher.waitFor((m) => m.messageId === '<dunning-42.step-1@relance.test>', 1)).resolves.toEqual(before[0]);

    await send(catcher, { to: 'a@example.com', subject: 'after restart', text: 'x' });
    expect((await catcher.messages()).map((m) => m.subject)).toEqual(['after restart', before[0]!.subject]);
  });

  it('answers 550 to rejected recipients, so nodemailer fails with responseCode 550', async () => {
    await catcher.stop();
    catcher = await MailCatcher.start({
      smtpPort: 0,
      viewerPort: 0,
      storeDir,
      rejectRecipients: (address) => address.endsWith('@invalid.example'),
    });

    const failure = await send(catcher, { to: 'nobody@invalid.example', subject: 'bounce', text: 'x' }).then(
      () => undefined,
      (error: unknown) => error as { responseCode?: number; code?: string; command?: string; response?: string },
    );
    expect(failure).toMatchObject({ responseCode: 550, code: 'EENVELOPE', command: 'RCPT TO' });
    expect(failure?.response).toMatch(/^550 5\.1\.1 <nobody@invalid\.example>: Recipient address rejected/);
    expect(await catcher.messages()).toEqual([]);

    // With one good recipient the message goes through and nodemailer reports the rejected one.
    const info = await send(catcher, { to: ['nobody@invalid.example', 'client@example.com'], subject: 'partial', text: 'x' });
    expect(info.rejected).toEqual(['nobody@invalid.example']);
    expect(info.accepted).toEqual(['client@example.com']);
    const [mail] = await catcher.messages();
    expect(mail).toMatchObject({ subject: 'partial', envelope: { to: ['client@example.com'] } });
  });

  it('accepts AUTH from a client configured with credentials', async () => {
    await send(catcher, { to: 'a@example.com', subject: 'with auth', text: 'x' }, { user: 'relance', pass: 'secret' });
    expect((await catcher.messages())[0]!.subject).toBe('with auth');
  });

  it('works without storeDir (in memory)', async () => {
    const memory = await MailCatcher.start({ smtpPort: 0, viewerPort: 0 });
    try {
      await send(memory, reminder());
      const [mail] = await memory.messages();
      expect(mail!.attachments).toHaveLength(1);
      const raw = await request(`${memory.viewerUrl}/api/messages/${mail!.id}/raw`);
      expect(raw.text).toContain('Subject: =?UTF-8?');
    } finally {
      await memory.stop();
    }
    expect(await fs.readdir(storeDir)).toEqual([]);
  });

  it('stop() closes both ports at once, even with an SMTP session and an HTTP keep-alive open', async () => {
    const pool = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, pool: true, maxConnections: 1 });
    await pool.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'pooled', text: 'x' });
    const keepAlive = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http.get(`${catcher.viewerUrl}/api/messages`, { agent: keepAlive }, (res) => res.resume().on('end', resolve)).on('error', reject),
    );

    const started = Date.now();
    await catcher.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await portIsClosed(catcher.smtpPort)).toBe(true);
    expect(await portIsClosed(catcher.viewerPort)).toBe(true);
    await catcher.stop(); // idempotent
    pool.close();
    keepAlive.destroy();
  });

  it('count() says how many messages it holds', async () => {
    expect(catcher.count()).toBe(0);
    await send(catcher, reminder());
    await send(catcher, reminder({ messageId: '<other@relance.test>' }));
    expect(catcher.count()).toBe(2);
  });

  it('stop() during a message stores it only if it answered 250: never a stored message the client was not told about', async () => {
    // stop() at different moments around the final dot: before the server reads it, while it stores it, after.
    for (const waitMs of [0, 0, 1, 2, 5, 10]) {
      await catcher.stop();
      await fs.rm(storeDir, { recursive: true, force: true });
      catcher = await MailCatcher.start({ smtpPort: 0, viewerPort: 0, storeDir });
      const socket = net.connect(catcher.smtpPort, '127.0.0.1');
      let replies = '';
      const next = (pattern: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => (pattern.test(replies) ? resolve() : socket.once('data', check));
          check();
        });
      socket.on('data', (chunk: Buffer) => (replies += chunk.toString('latin1')));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await next(/^220 /m);
      socket.write('EHLO client.test\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n');
      await next(/^354 /m);
      socket.write('Message-ID: <in-flight@relance.test>\r\nSubject: in flight\r\n\r\nbody\r\n.\r\n');
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      await catcher.stop();
      await closed;
      const acknowledged = /^250 /m.test(replies.slice(replies.indexOf('354 ')));
      const stored = (await fs.readdir(storeDir)).filter((name) => name.endsWith('.eml')).length;
      expect({ waitMs, acknowledged, stored }).toEqual({ waitMs, acknowledged, stored: acknowledged ? 1 : 0 });
    }
  });

  it('refuses to start on a busy port and leaves nothing listening', async () => {
    await expect(MailCatcher.start({ smtpPort: 0, viewerPort: catcher.smtpPort })).rejects.toThrow(
      `MailCatcher: viewer port ${catcher.smtpPort} on 127.0.0.1 is already in use`,
    );
  });

  it('rejects messages over the size limit with 552', async () => {
    await catcher.stop();
    catcher = await MailCatcher.start({ smtpPort: 0, viewerPort: 0, storeDir, maxMessageSize: 10_000 });
    const failure = await send(catcher, { to: 'a@example.com', subject: 'big', text: 'x'.repeat(20_000) }).catch(
      (error: { responseCode?: number }) => error,
    );
    expect(failure).toMatchObject({ responseCode: 552 });
    expect(await catcher.messages()).toEqual([]);
  });
});
