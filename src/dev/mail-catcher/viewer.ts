/**
 * The mail catcher's web viewer: plain node:http, server-rendered HTML, no external assets.
 *
 *   GET    /                                  message list, newest first, refreshes itself
 *   GET    /messages/:id                      one message: headers, HTML (sandboxed), text, attachments
 *   GET    /messages/:id/html                 the HTML body as sent
 *   GET    /messages/:id/attachments/:index   one attachment, as a download
 *   GET    /api/messages                      JSON list (CapturedMail[]), newest first
 *   GET    /api/messages/:id                  JSON (CapturedMail)
 *   GET    /api/messages/:id/raw              the .eml
 *   DELETE /api/messages                      delete every message
 *   DELETE /api/messages/:id                  delete one message
 *   GET    /api/v1/search?query=message-id:ID Mailpit's search, for one Message-ID only (the worker's
 *                                             delivery lookup, so the same client works against Mailpit)
 *
 * Everything interpolated into HTML goes through esc(); pages are served with a CSP that allows
 * no inline script, and the message HTML only ever runs in a sandbox without scripts.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parseAddressHeader, simpleParser } from 'mailparser';
import type { CapturedMail } from './mail-catcher';

/** What the viewer needs from the catcher. Unknown or malformed ids simply are not found. */
export interface MailStore {
  readonly smtpUrl: string;
  list(): CapturedMail[];
  get(id: string): CapturedMail | undefined;
  /** The messages whose Message-ID header is `<bareId>`. */
  withMessageId(bareId: string): CapturedMail[];
  /** The stored .eml (envelope headers included); undefined when unknown. */
  raw(id: string): Promise<Buffer | undefined>;
  remove(id: string): Promise<boolean>;
  clear(): Promise<void>;
}

const REFRESH_SECONDS = 3;

const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The message HTML: no script, unique origin; remote images and styles load as they would for the customer. */
const MESSAGE_HTML_CSP = [
  'sandbox allow-popups allow-popups-to-escape-sandbox',
  "default-src 'none'",
  "style-src 'unsafe-inline' http: https:",
  'img-src data: http: https:',
  'font-src data: http: https:',
].join('; ');

export function createViewerHandler(store: MailStore): RequestListener {
  return (req, res) => {
    route(store, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal error: ${String(error)}`);
      else res.destroy();
    });
  };
}

async function route(store: MailStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://viewer.local');
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const parts = url.pathname.split('/').filter(Boolean).map(safeDecode);
  if (parts.some((part) => part === undefined)) return sendText(res, 400, 'Bad URL');
  const [a, b, c, d] = parts as string[];

  // Pages
  if (parts.length === 0) {
    if (only(method, ['GET'], res)) sendHtml(res, 200, listPage(store));
    return;
  }
  if (parts.length === 1 && a === 'viewer.js') {
    if (only(method, ['GET'], res)) send(res, 200, 'text/javascript; charset=utf-8', VIEWER_JS);
    return;
  }
  if (a === 'messages' && b !== undefined) {
    const mail = store.get(b);
    if (parts.length === 2) {
      if (!only(method, ['GET'], res)) return;
      return mail ? sendHtml(res, 200, messagePage(mail)) : sendHtml(res, 404, notFoundPage(b));
    }
    if (parts.length === 3 && c === 'html') {
      if (!only(method, ['GET'], res)) return;
      if (!mail) return sendText(res, 404, `No message ${b}`);
      if (mail.html === undefined) return sendText(res, 404, 'This message has no HTML part');
      return send(res, 200, 'text/html; charset=utf-8', mail.html, { 'Content-Security-Policy': MESSAGE_HTML_CSP });
    }
    if (parts.length === 4 && c === 'attachments' && d !== undefined && /^\d+$/.test(d)) {
      if (!only(method, ['GET'], res)) return;
      return sendAttachment(store, res, b, Number(d));
    }
  }

  // JSON API
  if (a === 'api' && b === 'v1' && c === 'search' && parts.length === 3) {
    if (!only(method, ['GET'], res)) return;
    const wanted = /^message-id:\s*"?<?([^\s"<>]+)>?"?$/i.exec(url.searchParams.get('query')?.trim() ?? '');
    if (!wanted) return sendJson(res, 400, { error: 'query: only message-id:<id> is supported here' });
    const found = store.withMessageId(wanted[1]);
    return sendJson(res, 200, {
      total: found.length,
      messages_count: found.length,
      start: 0,
      messages: found.map((mail) => ({
        ID: mail.id,
        MessageID: wanted[1],
        Subject: mail.subject,
        To: mail.to.map((address) => ({ Address: address, Name: '' })),
        Created: mail.receivedAt,
      })),
    });
  }
  if (a === 'api' && b === 'messages') {
    if (parts.length === 2) {
      if (!only(method, ['GET', 'DELETE'], res)) return;
      if (method === 'DELETE') {
        await store.clear();
        return sendEmpty(res, 204);
      }
      return sendJson(res, 200, store.list());
    }
    const id = c!;
    const known = store.get(id) !== undefined;
    if (parts.length === 3) {
      if (!only(method, ['GET', 'DELETE'], res)) return;
      if (!known) return sendJson(res, 404, { error: `No message ${id}` });
      if (method === 'DELETE') {
        await store.remove(id);
        return sendEmpty(res, 204);
      }
      return sendJson(res, 200, store.get(id));
    }
    if (parts.length === 4 && d === 'raw') {
      if (!only(method, ['GET'], res)) return;
      const raw = known ? await store.raw(id) : undefined;
      if (!raw) return sendJson(res, 404, { error: `No message ${id}` });
      return send(res, 200, 'message/rfc822', raw, { 'Content-Disposition': `attachment; filename="${id}.eml"` });
    }
  }

  if (method === 'GET') return sendHtml(res, 404, notFoundPage(url.pathname));
  return sendText(res, 404, 'Not found');
}

async function sendAttachment(store: MailStore, res: ServerResponse, id: string, index: number): Promise<void> {
  const raw = await store.raw(id);
  if (!raw) return sendText(res, 404, `No message ${id}`);
  const attachment = (await simpleParser(raw)).attachments[index];
  if (!attachment) return sendText(res, 404, `Message ${id} has no attachment ${index}`);
  const filename = attachment.filename ?? `attachment-${index + 1}`;
  // Always a download: an HTML or SVG attachment must not run on the viewer's origin.
  return send(res, 200, attachment.contentType || 'application/octet-stream', attachment.content, {
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
}

// ---- pages ----

function listPage(store: MailStore): string {
  const mails = store.list();
  const rows = mails
    .map((m) => {
      const href = `/messages/${encodeURIComponent(m.id)}`;
      const cell = (content: string, cls = '') =>
        `<td${cls ? ` class="${cls}"` : ''}><a href="${esc(href)}">${content}</a></td>`;
      const clip = m.attachments.length
        ? ` <span class="badge" title="${m.attachments.length} attachment(s)">📎 ${m.attachments.length}</span>`
        : '';
      return (
        '<tr>' +
        cell(`<time datetime="${esc(m.receivedAt)}">${esc(formatTime(m.receivedAt))}</time>`, 'time') +
        cell(esc(displayAddresses(m, 'from'))) +
        cell(esc(displayAddresses(m, 'to'))) +
        cell(`${m.subject ? esc(m.subject) : '<em>(no subject)</em>'}${clip}`, 'subject') +
        '</tr>'
      );
    })
    .join('\n');
  const body = mails.length
    ? `<table class="list">
<thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : `<p class="empty">No messages yet. Point SMTP at <code>${esc(store.smtpUrl)}</code>; new mail shows up here within ${REFRESH_SECONDS} seconds.</p>`;
  return layout(
    `Mail catcher (${mails.length})`,
    `<header>
  <h1>Mail catcher</h1>
  <p class="meta">${mails.length} message${mails.length === 1 ? '' : 's'} · SMTP <code>${esc(store.smtpUrl)}</code> · refreshes every ${REFRESH_SECONDS} s</p>
  ${mails.length ? '<button type="button" class="danger" data-delete-all>Delete all</button>' : ''}
</header>
<main>
${body}
</main>`,
    `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`,
  );
}

function messagePage(m: CapturedMail): string {
  const id = encodeURIComponent(m.id);
  const row = (label: string, value: string) => (value ? `<tr><th>${esc(label)}</th><td>${value}</td></tr>` : '');
  const summary = [
    row('From', esc(displayAddresses(m, 'from'))),
    row('To', esc(displayAddresses(m, 'to'))),
    row('Cc', esc(displayAddresses(m, 'cc'))),
    row('Subject', esc(m.subject)),
    row('Date', `<time datetime="${esc(m.date)}">${esc(formatTime(m.date))}</time>`),
    row('Received', `<time datetime="${esc(m.receivedAt)}">${esc(formatTime(m.receivedAt))}</time>`),
    row('Envelope', esc(`${m.envelope.from || '<>'} → ${m.envelope.to.join(', ')}`)),
    row('Message-ID', m.messageId ? `<code>${esc(m.messageId)}</code>` : ''),
  ].join('\n');

  const html =
    m.html !== undefined
      ? `<iframe class="html" title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" src="/messages/${id}/html"></iframe>
<p class="meta"><a href="/messages/${id}/html" target="_blank" rel="noopener noreferrer">Open the HTML alone</a></p>`
      : '<p class="meta">This message has no HTML part.</p>';
  const text = m.text !== undefined ? `<pre class="text">${esc(m.text)}</pre>` : '<p class="meta">This message has no text part.</p>';
  const attachments = m.attachments.length
    ? `<ul class="attachments">${m.attachments
        .map(
          (a, i) =>
            `<li><a href="/messages/${id}/attachments/${i}">${esc(a.filename ?? `attachment ${i + 1}`)}</a> <span class="meta">${esc(a.contentType)} · ${esc(formatSize(a.size))}</span></li>`,
        )
        .join('')}</ul>`
    : '<p class="meta">None.</p>';
  const headers = m.headers
    .map((h) => `<tr><th>${esc(h.name)}</th><td>${esc(h.value)}</td></tr>`)
    .join('\n');

  return layout(
    m.subject || '(no subject)',
    `<header>
  <p><a href="/">← All messages</a></p>
  <h1>${m.subject ? esc(m.subject) : '<em>(no subject)</em>'}</h1>
</header>
<main>
<table class="summary">
${summary}
</table>
<p class="actions">
  <a href="/api/messages/${id}/raw">Download .eml</a>
  <a href="/api/messages/${id}">JSON</a>
  <button type="button" class="danger" data-delete="${esc(m.id)}">Delete</button>
</p>
<section><h2>HTML</h2>${html}</section>
<section><h2>Text</h2>${text}</section>
<section><h2>Attachments (${m.attachments.length})</h2>${attachments}</section>
<section><details><summary>All headers (${m.headers.length})</summary><table class="headers">${headers}</table></details></section>
</main>`,
  );
}

function notFoundPage(what: string): string {
  return layout(
    'Not found',
    `<header><p><a href="/">← All messages</a></p><h1>Not found</h1></header>
<main><p class="empty">Nothing at <code>${esc(what)}</code>. The message may have been deleted.</p></main>`,
  );
}

function layout(title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${extraHead}
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
<script src="/viewer.js" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #656d76; --line: #d8dee4; --bg: #f6f8fa; --accent: #0969da; --danger: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 16px; padding-bottom: 8px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; }
header > * { margin: 0; }
h1 { font-size: 20px; flex: 1 1 100%; }
header p { flex: 1 1 auto; }
h2 { font-size: 15px; margin: 24px 0 8px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); padding: 1px 4px; border-radius: 4px; }
.meta { color: var(--muted); }
.empty { color: var(--muted); padding: 48px 0; text-align: center; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); white-space: nowrap; }
table.list { margin-top: 8px; table-layout: fixed; }
table.list thead th:nth-child(1) { width: 160px; } table.list thead th:nth-child(2), table.list thead th:nth-child(3) { width: 22%; }
table.list td { padding: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.list td a { display: block; padding: 8px; color: inherit; overflow: hidden; text-overflow: ellipsis; }
table.list td a:hover { text-decoration: none; }
table.list tbody tr:hover { background: var(--bg); }
table.list td.time { color: var(--muted); font-variant-numeric: tabular-nums; }
table.list td.subject { font-weight: 500; }
.badge { font-weight: 400; color: var(--muted); font-size: 12px; }
table.summary { margin-top: 16px; } table.summary th { width: 120px; }
table.headers td { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.actions { display: flex; gap: 16px; align-items: center; margin: 16px 0; }
iframe.html { width: 100%; height: 70vh; border: 1px solid var(--line); border-radius: 6px; resize: vertical; background: #fff; }
pre.text { white-space: pre-wrap; word-wrap: break-word; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 12px; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 0; }
ul.attachments { padding-left: 20px; margin: 0; }
details summary { cursor: pointer; font-weight: 600; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
button.danger { color: var(--danger); }
button.danger:hover { background: var(--danger); color: #fff; border-color: var(--danger); }
`;

/** Served as /viewer.js so the pages need no inline script. */
const VIEWER_JS = `'use strict';
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-delete-all], [data-delete]') : null;
  if (!button) return;
  const all = button.hasAttribute('data-delete-all');
  if (all && !confirm('Delete every captured message?')) return;
  const url = all ? '/api/messages' : '/api/messages/' + encodeURIComponent(button.getAttribute('data-delete'));
  button.disabled = true;
  const response = await fetch(url, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) { button.disabled = false; alert('Delete failed: HTTP ' + response.status); return; }
  location.href = '/';
});
`;

// ---- helpers ----

/** Display form of an address field, `Name <address>`, from the raw header when there is one. */
function displayAddresses(m: CapturedMail, field: 'from' | 'to' | 'cc'): string {
  const values = m.headers.filter((h) => h.name.toLowerCase() === field).map((h) => h.value);
  if (values.length > 0) {
    try {
      const shown = parseAddressHeader(values, { flatten: true })
        .value.filter((a) => a.address)
        .map((a) => (a.name ? `${a.name} <${a.address}>` : a.address!));
      if (shown.length > 0) return shown.join(', ');
    } catch {
      // fall back to the plain addresses
    }
  }
  return field === 'from' ? m.from : m[field].join(', ');
}

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

function only(method: string, allowed: string[], res: ServerResponse): boolean {
  if (allowed.includes(method)) return true;
  const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
  sendText(res, 405, 'Method not allowed', { Allow: allow.join(', ') });
  return false;
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': PAGE_CSP, 'X-Frame-Options': 'SAMEORIGIN' });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2));
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  send(res, status, 'text/plain; charset=utf-8', text, headers);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Cache-Control': 'no-store' });
  res.end();
}
