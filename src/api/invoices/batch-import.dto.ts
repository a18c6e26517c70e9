import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { CreateInvoiceDto } from './create-invoice.dto';

export const MAX_BATCH_LINES = 10_000;

/**
 * A batch import. The lines are not validated here but one by one by the import, so that a bad
 * line is refused alone and never fails the others.
 */
export class BatchImportDto {
  @ApiProperty({ type: [CreateInvoiceDto], minItems: 1, maxItems: MAX_BATCH_LINES, description: `1 to ${MAX_BATCH_LINES} invoices, each as for POST /v1/invoices` })
  @IsArray({ message: 'invoices must be an array' })
  @ArrayMinSize(1, { message: 'invoices must hold at least 1 invoice' })
  @ArrayMaxSize(MAX_BATCH_LINES, { message: `invoices must hold at most ${MAX_BATCH_LINES} invoices; split the import into several requests` })
  invoices!: unknown[];
}
