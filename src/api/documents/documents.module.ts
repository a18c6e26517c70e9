import { Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** Documents (letters, penalty invoices) and their PDFs, from PostgreSQL. Uses the global core module's DATA_SOURCE. */
@Module({ controllers: [DocumentsController], providers: [DocumentsService] })
export class DocumentsModule {}
