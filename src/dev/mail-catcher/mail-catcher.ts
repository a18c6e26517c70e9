/**
 * Local mail catcher: an SMTP server that accepts every message (the local stack and the
 * end-to-end tests send reminders to it instead of a real provider) plus a small web viewer.
 *
 * Messages are kept in memory, or as `<id>.eml` files in `storeDir` so they survive a restart.
 * Before storing, the catcher prepends `Return-Path` and `X-Envelope-To` like a delivery agent
 * would, so the envelope (Bcc recipients included) is still known after a restart.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import * as path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { createViewerHandler, type MailStore } from './viewer';

export interface CapturedMail {
  /** Sortable by arrival time; also the `.eml` file name in storeDir. */
  id: string;
  /** The `Message-ID` header, angle brackets included (`<abc@host>`). */
  messageId?: string;
  /** Address of the `From` header (envelope sender when the header has none). */
  from: string;
  /** Addresses of the `To` header (envelope recipients when the header has none). */
  to: string[];
  /** Addresses of the `Cc` header. */
  cc: string[];
  subject: string;
  /** `Date` header, ISO; receivedAt when the header is missing or invalid. */
  date: string;
  text?: string;
  html?: string;
  attachments: { filename?: string; contentType: string; size: number }[];
  /** ISO time the catcher accepted the message. */
  receivedAt: string;
  /** SMTP envelope: MAIL FROM and every accepted RCPT TO (Bcc recipients included). */
  envelope: { from: string; to: string[] };
  /** Every header line as sent (unfolded, not decoded), in order. */
  headers: { name: string; value: string }[];
}

export interface MailCatcherOptions {
  /** 0 picks a free port. */
  smtpPort: number;
  /** 0 picks a free port. */
  viewerPort: number;
  /** Interface both servers listen on; default 127.0.0.1. */
  host?: string;
  /** Folder for `.eml` files; when set, messages survive a restart. Created when missing. */
  storeDir?: string;
  /** Recipients for which RCPT TO gets `550`, to test bad addresses. */
  rejectRecipients?: (address: string) => boolean;
  /** Called after each message is stored (the CLI logs it). */
  onMessage?: (mail: CapturedMail) => void;
  /** Largest accepted message in bytes; default 25 MB. */
  maxMessageSize?: number;
}

interface Waiter {
  predicate: (mail: CapturedMail) => boolean;
  resolve: (mail: CapturedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Entry {
  mail: CapturedMail;
  /** Only without storeDir; with storeDir the file is the raw message. */
  raw?: Buffer;
}

const DEFAULT_WAIT_MS = 30_000;
const DEFAULT_MAX_SIZE = 25 * 1024 * 1024;
/** Ids we generate, and the file names we accept when loading storeDir. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** `20260114-093012-345-000001-a1b2c3`: local-independent UTC time, sequence, random. */
const GENERATED_ID = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-\d{6}-[0-9a-f]{6}$/;

function isValidMailId(id: string): boolean {
  return ID_PATTERN.test(id) && !id.includes('..');
}

export class MailCatcher implements MailStore {
  readonly smtpPort: number;
  readonly viewerPort: number;
  readonly smtpUrl: string;
  readonly viewerUrl: string;

  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Set<Waiter>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly smtpSockets = new Set<Socket>();
  private smtp!: SMTPServer;
  private viewer!: http.Server;
  private stopping?: Promise<void>;
  /** Set when stop() begins: a message completed from then on is refused (421), never stored unanswered. */
  private closing = false;
  private lastIdTime = 0;
  private sequence = 0;

  private constructor(private readonly options: MailCatcherOptions) {
    // Real values are set in start() once the servers listen.
    this.smtpPort = 0;
    this.viewerPort = 0;
    this.smtpUrl = '';
    this.viewerUrl = '';
  }

  /** Resolves once both ports listen; rejects (with nothing left open) when one cannot. */
  static async start(options: MailCatcherOptions): Promise<MailCatcher> {
    const catcher = new MailCatcher(options);
    const host = options.host ?? '127.0.0.1';
    if (options.storeDir) await catcher.loadStore(options.storeDir);

    catcher.smtp = catcher.createSmtpServer();
    catcher.viewer = http.createServer(createViewerHandler(catcher));
    try {
      const smtpPort = await listen(catcher.smtp.server, options.smtpPort, host, 'SMTP', (cb) =>
        catcher.smtp.listen(options.smtpPort, host, cb),
      );
      const viewerPort = await listen(catcher.viewer, options.viewerPort, host, 'viewer', (cb) =>
        catcher.viewer.listen(options.viewerPort, host, cb),
      );
      const urlHost = displayHost(host);
      Object.assign(catcher, {
        smtpPort,
        viewerPort,
        smtpUrl: `smtp://${urlHost}:${smtpPort}`,
        viewerUrl: `http://${urlHost}:${viewerPort}`,
      });
    } catch (error) {
      await catcher.stop();
      throw error;
    }
    return catcher;
  }

  /** How many messages it holds, without copying them (cheap enough to poll). */
  count(): number {
    return this.entries.size;
  }

  /** Newest first. Copies: changing them does not change the catcher. */
  async messages(): Promise<CapturedMail[]> {
    return this.list();
  }

  /**
   * Resolves with the newest message matching `predicate`, at once if one is there already,
   * otherwise as soon as one arrives. Rejects after `timeoutMs` (default 30 s), when the
   * predicate throws, or when the catcher stops.
   */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<CapturedMail> {
    return new Promise<CapturedMail>((resolve, reject) => {
      if (this.stopping) return reject(new Error('MailCatcher.waitFor: the mail catcher is stopped'));
      try {
        const existing = this.list().find(predicate);
        if (existing) return resolve(existing);
      } catch (error) {
        return reject(error);
      }
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(this.describeTimeout(timeoutMs)));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Closes both servers and every open connection; pending waitFor calls reject. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  // ---- MailStore (used by the viewer) ----

  list(): CapturedMail[] {
    return [...this.entries.values()]
      .map((entry) => entry.mail)
      .sort(newestFirst)
      .map((mail) => structuredClone(mail));
  }

  withMessageId(bareId: string): CapturedMail[] {
    const header = `<${bareId}>`;
    return [...this.entries.values()].filter((entry) => entry.mail.messageId === header).map((entry) => structuredClone(entry.mail));
  }

  get(id: string): CapturedMail | undefined {
    const entry = this.entries.get(id);
    return entry && structuredClone(entry.mail);
  }

  async raw(id: string): Promise<Buffer | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.raw) return entry.raw;
    try {
      return await fs.readFile(this.filePath(id));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async remove(id: string): Promise<boolean> {
    if (!this.entries.delete(id)) return false;
    if (this.options.storeDir) await unlinkIfPresent(this.filePath(id));
    return true;
  }

  /** Deletes every message (and its file). */
  async clear(): Promise<void> {
    const ids = [...this.entries.keys()];
    this.entries.clear();
    if (this.options.storeDir) await Promise.all(ids.map((id) => unlinkIfPresent(this.filePath(id))));
  }

  // ---- SMTP ----

  private createSmtpServer(): SMTPServer {
    const server = new SMTPServer({
      name: 'relance-mail-catcher',
      banner: 'Relance mail catcher',
      logger: false,
      disabledCommands: ['STARTTLS'],
      // No authentication needed, but a client configured with credentials may still send AUTH.
      authOptional: true,
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'],
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
      size: this.options.maxMessageSize ?? DEFAULT_MAX_SIZE,
      disableReverseLookup: true,
      maxAllowedUnauthenticatedCommands: false,
      onRcptTo: (address, _session, callback) => this.onRcptTo(address, callback),
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    // Connection errors (a client resetting, for one) are emitted here; without a listener
    // they would crash the process. Listen errors are reported by start().
    server.on('error', () => undefined);
    server.server.on('connection', (socket: Socket) => {
      this.smtpSockets.add(socket);
      socket.once('close', () => this.smtpSockets.delete(socket));
    });
    return server;
  }

  private onRcptTo(address: SMTPServerAddress, callback: (err?: Error | null) => void): void {
    let rejected = false;
    try {
      rejected = this.options.rejectRecipients?.(address.address) ?? false;
    } catch {
      rejected = true;
    }
    if (!rejected) return callback();
    callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    let failed = false;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (error) => {
      failed = true;
      callback(error);
    });
    stream.on('end', () => {
      if (failed) return;
      if (this.closing) return callback(smtpError(421, '4.3.2 Mail catcher shutting down: message not stored, send it again'));
      if (stream.sizeExceeded) {
        return callback(smtpError(552, '5.3.4 Error: message exceeds fixed maximum message size'));
      }
      const receivedAt = new Date(Math.max(Date.now(), this.lastIdTime));
      const id = this.nextId(receivedAt);
      const { mailFrom, rcptTo } = session.envelope;
      const envelope = {
        from: mailFrom ? mailFrom.address : '',
        to: rcptTo.map((recipient) => recipient.address),
      };
      const raw = Buffer.concat([envelopeHeaders(envelope), ...chunks]);
      const work = this.accept(id, raw, receivedAt).then(
        () => callback(null),
        (error: unknown) => callback(smtpError(451, `4.3.0 Could not store the message: ${String(error)}`)),
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  /** Parses, stores (file first, so an accepted message is on disk), then notifies waiters. */
  private async accept(id: string, raw: Buffer, receivedAt: Date): Promise<void> {
    const mail = await toCapturedMail(id, raw, receivedAt);
    if (this.options.storeDir) {
      const file = this.filePath(id);
      await fs.writeFile(`${file}.tmp`, raw);
      await fs.rename(`${file}.tmp`, file);
      this.entries.set(id, { mail });
    } else {
      this.entries.set(id, { mail, raw });
    }
    for (const waiter of [...this.waiters]) {
      let matches: boolean;
      try {
        matches = waiter.predicate(structuredClone(mail));
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matches) {
        this.settle(waiter);
        waiter.resolve(structuredClone(mail));
      }
    }
    try {
      this.options.onMessage?.(structuredClone(mail));
    } catch {
      // A logging callback must not turn an accepted message into an SMTP error.
    }
  }

  private settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }

  private nextId(at: Date): string {
    this.lastIdTime = at.getTime();
    this.sequence = (this.sequence + 1) % 1_000_000;
    const iso = at.toISOString(); // 2026-01-14T09:30:12.345Z
    const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
    return `${stamp}-${String(this.sequence).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
  }

  private describeTimeout(timeoutMs: number): string {
    const all = this.list();
    const recent = all
      .slice(0, 5)
      .map((m) => `  - ${m.receivedAt} from ${m.from} to ${m.to.join(', ')}: ${JSON.stringify(m.subject)}`)
      .join('\n');
    return (
      `MailCatcher.waitFor: no matching message arrived within ${timeoutMs} ms ` +
      `(${all.length} message${all.length === 1 ? '' : 's'} captured${all.length ? ', newest first:\n' + recent : ''})`
    );
  }

  // ---- storage ----

  private filePath(id: string): string {
    return path.join(this.options.storeDir!, `${id}.eml`);
  }

  private async loadStore(dir: string): Promise<void> {
    await fs.mkdir(dir, { recursive: true });
    const ids = (await fs.readdir(dir))
      .filter((name) => name.endsWith('.eml'))
      .map((name) => name.slice(0, -'.eml'.length))
      .filter(isValidMailId);
    await mapWithConcurrency(ids, 8, async (id) => {
      const file = this.filePath(id);
      try {
        const [raw, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
        const mail = await toCapturedMail(id, raw, timeFromId(id) ?? stat.mtime);
        this.entries.set(id, { mail });
      } catch {
        // A file removed meanwhile or unreadable: skip it rather than refuse to start.
      }
    });
  }

  private async shutdown(): Promise<void> {
    // A message being stored gets its 250 before the connections close: stored but never
    // acknowledged, the client would send it again to the next server up (a duplicate).
    this.closing = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await new Promise((resolve) => setImmediate(resolve));
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(new Error('MailCatcher.waitFor: the mail catcher was stopped before a matching message arrived'));
    }
    const closing: Promise<void>[] = [];
    if (this.viewer) {
      const viewer = this.viewer;
      closing.push(closeHttpServer(viewer));
    }
    if (this.smtp) {
      const smtp = this.smtp;
      closing.push(
        new Promise<void>((resolve) => {
          if (!smtp.server.listening) return resolve();
          smtp.close(() => resolve());
        }),
      );
      // smtp-server would wait 30 s for open sessions; end them now.
      for (const connection of [...smtp.connections]) {
        connection.send(421, 'Mail catcher shutting down');
        connection.close();
      }
      for (const socket of this.smtpSockets) socket.destroy();
    }
    await Promise.all(closing);
  }
}

// ---- helpers ----

async function toCapturedMail(id: string, raw: Buffer, receivedAt: Date): Promise<CapturedMail> {
  let parsed: ParsedMail | undefined;
  try {
    parsed = await simpleParser(raw);
  } catch {
    parsed = undefined; // keep the message; the viewer still offers the raw .eml
  }
  const headers = parsed ? unfoldHeaders(parsed.headerLines) : [];
  const envelope = envelopeFromHeaders(headers);
  const to = addresses(parsed?.to);
  const date = parsed?.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : receivedAt;
  return {
    id,
    ...(parsed?.messageId ? { messageId: parsed.messageId } : {}),
    from: addresses(parsed?.from)[0] ?? envelope.from,
    to: to.length > 0 ? to : envelope.to,
    cc: addresses(parsed?.cc),
    subject: parsed?.subject ?? '',
    date: date.toISOString(),
    ...(parsed?.text !== undefined ? { text: parsed.text } : {}),
    ...(typeof parsed?.html === 'string' ? { html: parsed.html } : {}),
    attachments: (parsed?.attachments ?? []).map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      size: a.size,
    })),
    receivedAt: receivedAt.toISOString(),
    envelope,
    headers,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const result: string[] = [];
  const walk = (list: { address?: string; group?: unknown[] }[]) => {
    for (const item of list) {
      if (item.address) result.push(item.address);
      if (Array.isArray(item.group)) walk(item.group as { address?: string; group?: unknown[] }[]);
    }
  };
  for (const object of field === undefined ? [] : Array.isArray(field) ? field : [field]) walk(object.value);
  return result;
}

function unfoldHeaders(lines: ReadonlyArray<{ key: string; line: string }>): { name: string; value: string }[] {
  return lines.map(({ line }) => {
    const unfolded = line.replace(/\r?\n[ \t]+/g, ' ');
    const colon = unfolded.indexOf(':');
    return colon < 0
      ? { name: unfolded.trim(), value: '' }
      : { name: unfolded.slice(0, colon).trim(), value: unfolded.slice(colon + 1).trim() };
  });
}

function envelopeHeaders(envelope: { from: string; to: string[] }): Buffer {
  const to = envelope.to.map((address) => `<${address}>`).join(',\r\n ');
  return Buffer.from(`Return-Path: <${envelope.from}>\r\nX-Envelope-To: ${to}\r\n`, 'utf8');
}

/** Reads back what envelopeHeaders wrote (the first of each header, ours are prepended). */
function envelopeFromHeaders(headers: { name: string; value: string }[]): { from: string; to: string[] } {
  const first = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const strip = (value: string) => value.trim().replace(/^<(.*)>$/, '$1');
  const to = first('x-envelope-to');
  return {
    from: strip(first('return-path') ?? ''),
    to: to ? to.split(',').map(strip).filter(Boolean) : [],
  };
}

function timeFromId(id: string): Date | undefined {
  const m = GENERATED_ID.exec(id);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function newestFirst(a: CapturedMail, b: CapturedMail): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

async function mapWithConcurrency<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Starts listening and resolves with the bound port; a listen error rejects with a readable message. */
function listen(
  server: NetServer,
  port: number,
  host: string,
  label: string,
  start: (onListening: () => void) => void,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE' ? 'is already in use' : error.code === 'EACCES' ? 'needs more privileges' : `failed: ${error.message}`;
      reject(new Error(`MailCatcher: ${label} port ${port} on ${host} ${reason}`, { cause: error }));
    };
    server.once('error', onError);
    start(() => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeHttpServer(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Host for URLs: a wildcard address is reached through loopback; IPv6 needs brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
