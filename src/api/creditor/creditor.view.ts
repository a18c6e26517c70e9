import { ApiProperty } from '@nestjs/swagger';
import type { CreditorEntity } from '../../db/entities/creditor.entity';
import { PostalAddressView, toPostalAddress } from '../common/postal-address.dto';
import { JURISDICTIONS, type Jurisdiction } from './creditor.dto';

export class SignatoryView {
  @ApiProperty({ example: 'Claire Dubois' }) name!: string;
  @ApiProperty({ example: 'Directrice administrative et financière' }) title!: string;
}

export class CompetentCourtView {
  @ApiProperty({ example: 'Tribunal des activités économiques de Paris' }) name!: string;
}

export class CreditorBankDetailsView {
  @ApiProperty({ example: 'FR7630006000011234567890189' }) iban!: string;
  @ApiProperty({ example: 'AGRIFRPP', nullable: true, type: String }) bic!: string | null;
}

export class CreditorBillingContactView {
  @ApiProperty({ example: 'Service comptabilité clients' }) name!: string;
  @ApiProperty({ example: 'compta-clients@atelier-dubois.fr' }) email!: string;
  @ApiProperty({ example: '+33184601234', nullable: true, type: String }) phone!: string | null;
}

export class CreditorView {
  @ApiProperty({ example: 'default', description: 'Slug; invoices carry it as creditor_id' }) id!: string;
  @ApiProperty({ example: 'Atelier Dubois SAS' }) legalName!: string;
  @ApiProperty({ enum: JURISDICTIONS, example: 'FR' }) jurisdiction!: Jurisdiction;
  @ApiProperty({ example: '732829320', description: 'Compact' }) registrationNumber!: string;
  @ApiProperty({ example: 'FR44732829320', nullable: true, type: String }) vatNumber!: string | null;
  @ApiProperty({ type: PostalAddressView }) address!: PostalAddressView;
  @ApiProperty({ type: SignatoryView }) signatory!: SignatoryView;
  @ApiProperty({ type: CompetentCourtView }) competentCourt!: CompetentCourtView;
  @ApiProperty({ type: CreditorBankDetailsView }) bankDetails!: CreditorBankDetailsView;
  @ApiProperty({ type: CreditorBillingContactView }) billingContact!: CreditorBillingContactView;
  @ApiProperty({ example: 'fr-b2b-default', nullable: true, type: String }) defaultPlanName!: string | null;
  @ApiProperty({ example: '2026-11-25T09:12:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-25T09:12:00.000Z', description: 'Moves only when a PUT changed something' }) updatedAt!: string;
}

export class CreditorListView {
  @ApiProperty({ type: [CreditorView], description: 'Every creditor profile, by id (a deployment has a handful)' }) items!: CreditorView[];
}

export function toCreditorView(row: CreditorEntity): CreditorView {
  return {
    id: row.id,
    legalName: row.legalName,
    jurisdiction: row.jurisdiction,
    registrationNumber: row.registrationNumber,
    vatNumber: row.vatNumber,
    address: toPostalAddress(row.address),
    signatory: { name: row.signatoryName, title: row.signatoryTitle },
    competentCourt: { name: row.competentCourt },
    bankDetails: { iban: row.iban, bic: row.bic },
    billingContact: { name: row.billingContactName, email: row.billingContactEmail, phone: row.billingContactPhone },
    defaultPlanName: row.defaultPlanName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
