import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, registerDecorator, type ValidationArguments } from 'class-validator';
import type { PostalAddress } from '../../db/entities/postal-address';
import { IsCountryCode, IsText, IsTextEach, Trim } from './text-fields';

/** Postal codes of the countries Relance writes to most; others: 1 to 12 letters, digits, spaces or hyphens. */
const POSTAL_CODES: Record<string, { pattern: RegExp; shape: string }> = {
  FR: { pattern: /^\d{5}$/, shape: '5 digits (75002)' },
  MC: { pattern: /^980\d{2}$/, shape: '5 digits starting 980 (98000)' },
  BE: { pattern: /^[1-9]\d{3}$/, shape: '4 digits (1000)' },
  LU: { pattern: /^\d{4}$/, shape: '4 digits, without the L- (1150)' },
};
const OTHER_POSTAL_CODE = /^[A-Z0-9][A-Z0-9 -]{0,11}$/i;

function IsPostalCodeOfCountry(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPostalCodeOfCountry',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          if (typeof value !== 'string') return false;
          const rule = POSTAL_CODES[(args?.object as { country?: unknown }).country as string];
          return (rule?.pattern ?? OTHER_POSTAL_CODE).test(value);
        },
        defaultMessage: (args?: ValidationArguments) => {
          if (typeof args?.value !== 'string') return `${args?.property} must be a string`;
          const country = (args?.object as { country?: unknown }).country as string;
          const rule = POSTAL_CODES[country];
          return rule ? `${args?.property} must be ${rule.shape} for ${country}` : `${args?.property} must be 1 to 12 letters, digits, spaces or hyphens`;
        },
      },
    });
}

export class PostalAddressDto implements PostalAddress {
  @ApiProperty({ example: ['12 rue de la Paix', 'Bâtiment B'], description: '1 to 4 lines (street, building, PO box), each 1 to 100 characters, printed in this order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsTextEach(100)
  lines!: string[];

  @ApiProperty({ example: '75002', description: 'FR: 5 digits; BE: 4 digits; others: 1 to 12 letters, digits, spaces or hyphens' })
  @Trim()
  @IsPostalCodeOfCountry()
  postalCode!: string;

  @ApiProperty({ example: 'Paris' })
  @IsText(100)
  city!: string;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country!: string;
}

/** A stored address as answered (creditors' and customers' alike). */
export class PostalAddressView implements PostalAddress {
  @ApiProperty({ example: ['12 rue de la Paix'] }) lines!: string[];
  @ApiProperty({ example: '75002' }) postalCode!: string;
  @ApiProperty({ example: 'Paris' }) city!: string;
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' }) country!: string;
}

/** An address with its fields in one order (jsonb gives them back in its own). */
export function toPostalAddress(dto: PostalAddress): PostalAddress {
  return { lines: [...dto.lines], postalCode: dto.postalCode, city: dto.city, country: dto.country };
}
