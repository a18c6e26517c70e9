import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { SLUG_PATTERN, SLUG_RULE } from '../common/slug';
import { IsText } from '../common/text-fields';
import { RecordPaymentDto } from '../events/event.dto';

export const MAX_PAYMENTS_PER_WEBHOOK = 500;

export class CreateWebhookIntegrationDto {
  @ApiProperty({ example: 'Qonto bank feed', description: 'Who sends the webhooks, 1 to 100 characters' })
  @IsText(100)
  name!: string;

  @ApiProperty({ example: 'acme', description: 'The creditor whose invoices the payments are matched against' })
  @Matches(SLUG_PATTERN, { message: `creditorId ${SLUG_RULE}` })
  creditorId!: string;
}

/** A payment as an integrator reports it: the fields of a payment event, and what to match it by. */
export class WebhookPaymentDto extends PickType(RecordPaymentDto, ['reference', 'amountCents', 'currency', 'valueDate'] as const) {
  @ApiPropertyOptional({ example: 'F-2026-0042', description: 'The invoice it pays, when the payer said so: matched first, within the integration\'s creditor' })
  @IsOptional()
  @IsText(64)
  invoiceNumber?: string;

  @ApiPropertyOptional({
    example: 'F-2026-0042',
    description:
      "The payment reference the payer quoted (remittance information). An invoice's payment reference is its invoice number (Relance issues no other): " +
      'matched against invoice numbers, ignoring case and spaces, when invoiceNumber is absent or matches nothing.',
  })
  @IsOptional()
  @IsText(140)
  paymentReference?: string;
}

export class PaymentWebhookDto {
  @ApiProperty({ type: [WebhookPaymentDto], description: `1 to ${MAX_PAYMENTS_PER_WEBHOOK} payments, each answered on its own` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PAYMENTS_PER_WEBHOOK)
  @ValidateNested({ each: true })
  @Type(() => WebhookPaymentDto)
  payments!: WebhookPaymentDto[];
}

export class AssignPaymentDto {
  @ApiProperty({ format: 'uuid', description: 'The invoice the payment pays (of the payment\'s creditor)' })
  @IsUUID('all', { message: 'invoiceId must be a UUID' })
  invoiceId!: string;

  @ApiProperty({ example: 'sophie.martin@acme.fr', description: 'Who assigns it, 1 to 200 characters' })
  @IsText(200)
  by!: string;
}
