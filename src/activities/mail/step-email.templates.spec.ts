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

  it('escapes the HTML part', () => {
    expect(renderStepEmail('first_reminder', { ...data, debtorName: 'A & <B>' }).html).toContain('Bonjour A &amp; &lt;B&gt;,');
  });
});
