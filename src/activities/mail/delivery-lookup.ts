/**
 * Asks the mail side whether it already holds a message, by its Message-ID: the one way to learn
 * what became of an e-mail whose sender died between the server's 250 and recording it.
 *
 * Speaks the search API of Mailpit (`GET {url}/api/v1/search?query=message-id:<id>`), which the
 * local mail catcher also serves; any mail store that answers it (a journal or archive mailbox
 * behind a small adapter) can be plugged in with MAIL_DELIVERY_LOOKUP_URL.
 */
export type DeliveryLookup = (messageId: string) => Promise<boolean>;

/** A lookup that does not answer in this time fails the attempt (retried later), rather than resending blindly. */
const LOOKUP_TIMEOUT_MS = 10_000;

interface SearchAnswer {
  messages?: { MessageID?: string }[];
}

/** The bare id Mailpit stores and searches: without the angle brackets of the header. */
export function bareMessageId(messageId: string): string {
  return messageId.replace(/^<|>$/g, '');
}

export function mailpitDeliveryLookup(baseUrl: string): DeliveryLookup {
  const base = baseUrl.replace(/\/+$/, '');
  return async (messageId) => {
    const id = bareMessageId(messageId);
    const url = `${base}/api/v1/search?query=${encodeURIComponent(`message-id:${id}`)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
    } catch (error) {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`MAIL_DELIVERY_LOOKUP_URL ${base} cannot be asked (${cause?.code ?? cause?.message ?? String(error)}); the e-mail is not sent again until it answers`);
    }
    if (!response.ok) throw new Error(`MAIL_DELIVERY_LOOKUP_URL ${base} answered ${response.status} to ${url}; the e-mail is not sent again until it answers`);
    const answer = (await response.json()) as SearchAnswer;
    // Only an exact match counts: a looser search hit is not this message.
    return (answer.messages ?? []).some((message) => message.MessageID === id);
  };
}
