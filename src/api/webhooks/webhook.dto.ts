import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date';
import { IsText } from '../common/text-fields';
import { MAX_CENTS } from '../invoices/create-invoice.dto';

export const MAX_PAYMENTS_PER_WEBHOOK = 500;

export class CreateWebhookIntegrationDto {
  @ApiProperty({ example: 'Qonto bank feed', description: 'Who sends the webhooks, 1 to 100 characters' })
  @IsText(100)
  name!: string;

  @ApiProperty({ example: 'acme', description: 'The creditor whose invoices the payments are matched against' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'creditorId must be a creditor id (lower-case letters, digits and -, up to 40)' })
  creditorId!: string;
}

export class WebhookPaymentDto {
  @ApiProperty({ example: 'VIR-2026-11-25-004217', description: "The bank's or provider's reference of the payment, 1 to 140 characters: the same reference twice counts once" })
  @IsText(140)
  reference!: string;

  @ApiProperty({ type: 'integer', example: 60000, description: 'Amount received, in cents (a whole number, at least 1)' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ example: 'EUR', description: "ISO 4217 code; must be the invoice's currency" })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in capitals (EUR)' })
  currency!: string;

  @ApiProperty({ format: 'date', example: '2026-11-24', description: 'The day the money was received, not after today (Europe/Paris)' })
  @IsCalendarDate()
  valueDate!: string;

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
