import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DunningReceiptView } from '../events/dunning-receipt.view';

export class WebhookIntegrationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Qonto bank feed' }) name!: string;
  @ApiProperty({ example: 'acme' }) creditorId!: string;
  @ApiProperty({ example: '/v1/webhooks/payments/3f1c2a9e-5b0d-4e8f-9a7b-2c6d1e0f4a55', description: 'Where the integrator posts its payments' }) url!: string;
  @ApiProperty() createdAt!: string;
}

export class CreatedWebhookIntegrationView extends WebhookIntegrationView {
  @ApiProperty({
    example: 'whsec_Jv0x0m3M1n0C1Yk2u6Yq6Q8m3bqVb1Y2f3m1p8nqz6s',
    description: 'The signing secret, shown this once: Relance keeps it (it needs it to verify signatures) but never shows it again',
  })
  secret!: string;
}

export const PAYMENT_STATUSES = ['recorded', 'duplicate', 'unmatched', 'refused'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export class PaymentErrorView {
  @ApiProperty({ example: 'PAYMENT.CURRENCY_MISMATCH' }) code!: string;
  @ApiProperty({ example: 'Invoice F-2026-0042 is in EUR, the payment in USD' }) message!: string;
}

export class PaymentOutcomeView {
  @ApiProperty({ example: 'VIR-2026-11-25-004217' }) reference!: string;
  @ApiProperty({
    enum: PAYMENT_STATUSES,
    description:
      'recorded: applied to the invoice. duplicate: this reference was received already, counted once. unmatched: no invoice found, kept for an operator. ' +
      'refused: the invoice\'s dunning refused it (error says why).',
  })
  status!: PaymentStatus;
  @ApiPropertyOptional({ format: 'uuid' }) invoiceId?: string;
  @ApiPropertyOptional({ type: PaymentErrorView }) error?: PaymentErrorView;
}

export class PaymentWebhookAnswerView {
  @ApiProperty({ type: [PaymentOutcomeView], description: 'One per payment sent, in the same order' }) payments!: PaymentOutcomeView[];
}

export class UnmatchedPaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) integrationId!: string;
  @ApiProperty({ example: 'acme' }) creditorId!: string;
  @ApiProperty({ example: 'VIR-2026-11-25-004217' }) reference!: string;
  @ApiProperty({ type: 'integer', example: 60000 }) amountCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ format: 'date' }) valueDate!: string;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentReference!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ enum: ['unmatched', 'assigned'] }) status!: 'unmatched' | 'assigned';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedInvoiceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedAt!: string | null;
}

export class AssignedPaymentView {
  @ApiProperty({ type: UnmatchedPaymentView }) payment!: UnmatchedPaymentView;
  @ApiProperty({ type: DunningReceiptView, description: "The invoice's dunning after the payment (duplicate when it was recorded already)" }) receipt!: DunningReceiptView;
}
