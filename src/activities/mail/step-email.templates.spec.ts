import { renderStepEmail, type StepEmailData } from './step-email.templates';

const data: StepEmailData = {
  language: 'fr',
  tone: 'courteous',
  debtorName: 'Boulangerie Martin SARL',
  invoiceNumber: 'F-2026-0042',
  issueDate: '2026-11-01',
  dueDate: '2026-12-01',
  totalCents: 120_000,
  balanceCents: 70_000,
  currency: 'EUR',
  date: '2026-12-09',
  payBy: null,
  previousReminderDates: [],
  penalties: null,
};

describe('renderStepEmail', () => {
  it('writes the courtesy reminder in French, with the amount still due and the payment reference', () => {
    const mail = renderStepEmail('courtesy_reminder', data);
    expect(mail.subject).toBe('Échéance prochaine : facture F-2026-0042');
    expect(mail.text).toBe(
      [
        'Bonjour Boulangerie Martin SARL,',
        "Pour rappel, la facture F-2026-0042 du 1er novembre 2026, d'un montant de 700,00\u00a0€, arrive à échéance le 1er décembre 2026.",
        "Merci d'indiquer la référence F-2026-0042 avec votre virement. Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message.",
        'Cordialement,',
      ].join('\n\n') + '\n',
    );
  });

  it('states the pay-by date when the step has one, and closes according to the tone', () => {
    const mail = renderStepEmail('second_reminder', { ...data, language: 'en', tone: 'firm', payBy: '2026-12-16' });
    expect(mail.text).toContain('Please pay this amount by 2026-12-16 at the latest, quoting reference F-2026-0042.');
    expect(mail.text.trim().endsWith('Yours faithfully,')).toBe(true);
  });

  it('lists the amounts of the written reminder, penalties included when they are known', () => {
    const known = renderStepEmail('written_reminder', { ...data, tone: 'firm', previousReminderDates: ['2026-11-28', '2026-12-02'], penalties: { interestCents: 1_238, indemnityCents: 4_000 } });
    expect(known.text).toContain('Malgré nos relances du 28 novembre 2026 et du 2 décembre 2026, la facture F-2026-0042');
    expect(known.text).toContain('Principal restant dû : 700,00\u00a0€\nPénalités de retard à ce jour : 12,38\u00a0€\nIndemnité forfaitaire pour frais de recouvrement : 40,00\u00a0€');
    expect(known.html).toContain('<p>Principal restant dû : 700,00\u00a0€<br>Pénalités de retard à ce jour : 12,38\u00a0€<br>');
    const unknown = renderStepEmail('written_reminder', { ...data, language: 'en' });
    expect(unknown.text).toContain('Late-payment interest and flat recovery indemnity: due under our terms of sale');
  });

  it('adds how to pay and whom to contact when the creditor profile is known', () => {
    const withProfile = {
      ...data,
      payment: { payee: 'Atelier Lumière SAS', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX' },
      contact: { name: 'Claire Dubois', email: 'compta@atelier-lumiere.fr', phone: '+33472001234' },
    };
    const fr = renderStepEmail('first_reminder', withProfile);
    expect(fr.text).toContain(
      'Coordonnées de paiement (virement) :\nBénéficiaire : Atelier Lumière SAS\nIBAN : FR76 3000 6000 0112 3456 7890 189\nBIC : AGRIFRPPXXX\nRéférence à indiquer : F-2026-0042',
    );
    expect(fr.text).toContain('Pour toute question, votre contact : Claire Dubois (compta@atelier-lumiere.fr, +33472001234).');
    expect(fr.text.trim().endsWith('Cordialement,')).toBe(true);
    const en = renderStepEmail('courtesy_reminder', { ...withProfile, language: 'en', payment: { ...withProfile.payment, bic: null }, contact: { ...withProfile.contact, phone: null } });
    expect(en.text).toContain('Payment details (bank transfer):\nPayee: Atelier Lumière SAS\nIBAN: FR76 3000 6000 0112 3456 7890 189\nReference to quote: F-2026-0042');
    expect(en.text).toContain('please contact Claire Dubois (compta@atelier-lumiere.fr).');
  });

  it('splits the amount into principal, interest and indemnity from the second reminder on, the indemnity only when owed', () => {
    const penalties = { interestCents: 1_238, indemnityCents: 4_000 };
    expect(renderStepEmail('first_reminder', { ...data, penalties }).text).not.toContain('Principal');
    expect(renderStepEmail('second_reminder', { ...data, penalties }).text).toContain(
      'Principal restant dû : 700,00\u00a0€\nPénalités de retard à ce jour : 12,38\u00a0€\nIndemnité forfaitaire pour frais de recouvrement : 40,00\u00a0€\nTotal dû à ce jour : 752,38\u00a0€',
    );
    const consumer = renderStepEmail('second_reminder', { ...data, language: 'en', penalties: { interestCents: 1_238, indemnityCents: 0 } });
    expect(consumer.text).toContain('Principal still due: €700.00\nLate-payment interest to date: €12.38\nTotal due to date: €712.38');
    expect(consumer.text).not.toContain('indemnity');
  });

  it('writes the formal notice copy and the penalty invoice e-mails, naming the attached PDF', () => {
    const letter = { ...data, tone: 'formal' as const, payBy: '2026-12-17', penalties: { interestCents: 1_238, indemnityCents: 4_000 } };
    const notice = renderStepEmail('formal_notice', { ...letter, attachmentName: '2026-12-09_mise-en-demeure_F-2026-0042.pdf' });
    expect(notice.subject).toBe('Mise en demeure : facture F-2026-0042');
    expect(notice.text).toContain(
      'Veuillez trouver ci-jointe copie de notre lettre de mise en demeure du 9 décembre 2026 (2026-12-09_mise-en-demeure_F-2026-0042.pdf), qui vous est adressée par lettre recommandée avec accusé de réception.',
    );
    expect(notice.text).toContain('Faute de règlement de ces sommes au plus tard le 17 décembre 2026, en indiquant la référence F-2026-0042, nous engagerons');
    const invoice = renderStepEmail('penalty_invoice', { ...letter, language: 'en', documentNumber: 'PEN-2026-0007', paymentReference: 'PEN-2026-0007' });
    expect(invoice.subject).toBe('Invoice PEN-2026-0007: late-payment penalties, invoice F-2026-0042');
    expect(invoice.text).toContain('Late-payment interest: €12.38\nFlat recovery indemnity: €40.00\nTotal to pay (not subject to VAT): €52.38');
    expect(invoice.text).toContain('quoting reference PEN-2026-0007. The principal of invoice F-2026-0042, €700.00, remains due as well.');
    const fr = renderStepEmail('penalty_invoice', { ...letter, documentNumber: 'PEN-2026-0007', paymentReference: 'PEN-2026-0007' });
    expect(fr.subject).toBe('Facture PEN-2026-0007 : pénalités de retard, facture F-2026-0042');
    expect(fr.text).toContain('Total à payer (non soumis à la TVA) : 52,38\u00a0€');
  });

  it('escapes the HTML part', () => {
    expect(renderStepEmail('first_reminder', { ...data, debtorName: 'A & <B>' }).html).toContain('Bonjour A &amp; &lt;B&gt;,');
  });
});
