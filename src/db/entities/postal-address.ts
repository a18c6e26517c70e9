/** A postal address as stored in jsonb columns (creditors.address, customers.billing_address, …). */
export interface PostalAddress {
  /** 1 to 4 lines: street, building, floor, PO box, in the order they are printed. */
  lines: string[];
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A person or mailbox to write to at a customer (customers.contacts, jsonb array). */
export interface CustomerContact {
  role: 'billing' | 'accounts_payable' | 'other';
  name: string;
  email: string | null;
  /** E.164 (+33123456789). */
  phone: string | null;
  language: 'fr' | 'en';
}
