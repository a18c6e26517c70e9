import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, creditorScope, Roles, type Principal } from '../auth/access';
import { ErrorBodyView } from '../common/error-body.view';
import { uuidPipe } from '../common/uuid-pipe';
import { BAD_ID } from '../events/event-examples';
import { INVOICE_NOT_FOUND_EXAMPLE } from '../events/invoice-lookup';
import { TimelineService } from './timeline.service';
import { DocumentListView, TimelineView } from './timeline.view';

const INVOICE_ID = '3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55';
const DOCUMENT = {
  id: '0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90',
  kind: 'written_reminder',
  step: 'written_reminder',
  status: 'rendered',
  documentDate: '2026-12-09',
  payBy: '2026-12-16',
  number: null,
  fileName: 'relance-F-2026-0042.pdf',
  byteSize: 31877,
  pageCount: 1,
  checksum: 'sha256:9f2c1e0b7a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6',
  contentUrl: '/v1/documents/0b6f9d4e-8a57-4c1e-9f43-2d5c7a1e3b90/content',
  createdAt: '2026-12-09T08:00:01.234Z',
  renderedAt: '2026-12-09T08:00:01.456Z',
};

@ApiTags('events')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/invoices')
export class TimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary: "The invoice's dunning, step by step",
    description:
      'Every line of the dunning\'s history (steps done, skipped or failed, payments, disputes, promises, letters, calls, decisions), with when and who, ' +
      'and every document produced, oldest first. Read from PostgreSQL: available while Temporal is down, and a second or so behind the workflow.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The invoice' })
  @ApiOkResponse({
    type: TimelineView,
    example: {
      invoiceId: INVOICE_ID,
      invoiceNumber: 'F-2026-0042',
      stage: 'promised',
      amountDueCents: 60000,
      currency: 'EUR',
      nextActionAt: '2026-12-09T23:00:00.000Z',
      items: [
        { at: '2026-11-25T09:12:00.101Z', type: 'event', kind: 'started', step: null, summary: 'Dunning started with plan fr-b2b-default v1: invoice F-2026-0042, €1,200.00 due on 2026-11-24', by: null, seq: 1 },
        { at: '2026-11-25T09:12:01.210Z', type: 'event', kind: 'step_done', step: 'first_reminder', summary: 'First reminder e-mailed to the debtor', by: null, seq: 2 },
        { at: '2026-11-26T10:02:11.500Z', type: 'event', kind: 'payment', step: null, summary: 'Payment VIR-2026-11-25-004217 of €600.00 received on 2026-11-25; €600.00 still due', by: 'bank-import', seq: 4 },
        { at: '2026-11-26T14:30:00.000Z', type: 'event', kind: 'promise_made', step: null, summary: 'Promise to pay on 2026-12-05; the dunning waits until 2026-12-08 (grace 3 days)', by: 'sophie.martin@acme.fr', seq: 6 },
        { at: '2026-12-09T08:00:01.234Z', type: 'document', kind: 'written_reminder', step: 'written_reminder', summary: 'Written reminder dated 2026-12-09: PDF ready (1 page)', by: null, documentId: DOCUMENT.id, contentUrl: DOCUMENT.contentUrl },
      ],
    },
  })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No invoice with this id (or, for an integrator key, none of its creditor).', example: INVOICE_NOT_FOUND_EXAMPLE })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a UUID.', example: BAD_ID.value })
  timeline(@Param('id', uuidPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<TimelineView> {
    return this.timelines.timeline(id, creditorScope(principal));
  }

  @Get(':id/documents')
  @ApiOperation({
    summary: "The invoice's documents",
    description: 'Letters and penalty invoices its dunning produced, oldest first, with their checksum and where to download each once rendered.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The invoice' })
  @ApiOkResponse({ type: DocumentListView, example: { invoiceId: INVOICE_ID, items: [DOCUMENT] } })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'No invoice with this id (or, for an integrator key, none of its creditor).', example: INVOICE_NOT_FOUND_EXAMPLE })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'The id is not a UUID.', example: BAD_ID.value })
  documents(@Param('id', uuidPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<DocumentListView> {
    return this.timelines.documentList(id, creditorScope(principal));
  }
}
