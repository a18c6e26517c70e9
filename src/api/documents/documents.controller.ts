import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/access';
import { ErrorBodyView, errorExample } from '../common/error-body.view';
import { uuidPipe } from '../common/uuid-pipe';
import { DunningDocumentView } from './document.view';
import { DocumentsService } from './documents.service';

const DOCUMENT_ID = '0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90';
const NOT_FOUND = errorExample('', 'DOCUMENT.NOT_FOUND', `No document with id ${DOCUMENT_ID}.`);
const NOT_RENDERED = errorExample(
  '',
  'DOCUMENT.NOT_RENDERED',
  `Document ${DOCUMENT_ID} has no PDF: its step stopped before rendering it (a missing creditor profile, rate or address); see the dunning's operator tasks.`,
);
const BAD_ID = errorExample('id is not a UUID', 'VALIDATION.FAILED', 'The request has invalid fields.', [{ path: 'id', issue: 'id must be a UUID' }]);

/** `"abc"`, `W/"abc"`, `*`: whether an If-None-Match header names this entity tag. */
export function matchesEtag(ifNoneMatch: string | undefined, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'))
    .some((tag) => tag === '*' || tag === sha256);
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback and the exact name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The letters and penalty invoices the dunnings produced, stored in PostgreSQL with their SHA-256. */
@ApiTags('documents')
@Controller('v1/documents')
@Roles('operator')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A document: what it is, what it states, its checksum and where it stands with the registered-mail provider' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: DunningDocumentView, description: 'The document, without its bytes' })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No document with this id.', example: NOT_FOUND.value })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a UUID.', example: BAD_ID.value })
  get(@Param('id', uuidPipe()) id: string): Promise<DunningDocumentView> {
    return this.documents.get(id);
  }

  @Get(':id/content')
  @ApiOperation({
    summary: "Download a document's PDF",
    description:
      'The bytes exactly as the debtor received them. ETag is the SHA-256 of the bytes (hex), also sent as Repr-Digest; ' +
      'with If-None-Match the answer is 304 when the copy held is the same. Documents never change once rendered.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy already held' })
  @ApiProduces('application/pdf', 'application/zip')
  @ApiOkResponse({
    description: 'The PDF (letters), or the ZIP (escalation files, kind escalation_file)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      ETag: { description: 'The SHA-256 of the PDF, hex, quoted', schema: { type: 'string' } },
      'Content-Disposition': { description: 'attachment, with the file name', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names this document' })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No document with this id.', example: NOT_FOUND.value })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The document has no PDF (its step failed before rendering it).', example: NOT_RENDERED.value })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a UUID.', example: BAD_ID.value })
  async content(@Param('id', uuidPipe()) id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const file = await this.documents.file(id);
    response.set({
      ETag: `"${file.sha256}"`,
      'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
      // Revalidated on every use (cheap with the ETag), so a revoked key stops a cached copy being served.
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (matchesEtag(request.headers['if-none-match'], file.sha256)) {
      response.status(304).end();
      return;
    }
    response
      .status(200)
      .set({ 'Content-Type': file.contentType, 'Content-Length': String(file.content.length), 'Content-Disposition': contentDisposition(file.fileName) })
      .end(file.content);
  }
}
