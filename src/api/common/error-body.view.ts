import { ApiProperty } from '@nestjs/swagger';
import type { ErrorDetail } from './api-error';

/** OpenAPI schema of the one error shape (see api-error.ts), for error responses in Swagger. */
export class ErrorDetailView implements ErrorDetail {
  @ApiProperty({ example: 'amountCents', description: 'The field (dotted path) or item the issue is about' }) path!: string;
  @ApiProperty({ example: 'amountCents must not be less than 1' }) issue!: string;
}

export class ErrorInfoView {
  @ApiProperty({ example: 'VALIDATION.FAILED', description: 'Stable code to branch on' }) code!: string;
  @ApiProperty({ example: 'The request has invalid fields.' }) message!: string;
  @ApiProperty({ type: [ErrorDetailView] }) details!: ErrorDetailView[];
}

export class ErrorBodyView {
  @ApiProperty({ type: ErrorInfoView }) error!: ErrorInfoView;
}

/** An example error body for Swagger. */
export const errorExample = (summary: string, code: string, message: string, details: ErrorDetail[] = []) => ({
  summary,
  value: { error: { code, message, details } },
});
