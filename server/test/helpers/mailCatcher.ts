// A small client of the Mailpit REST API (https://mailpit.axllent.org/docs/api-v1/), the mail
// catcher scripts/test.mjs starts for the integration and e2e suites (TEST_MAILPIT_URL).

export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the HTML (href) and the text, in order, without duplicates. */
  links: string[];
}

export interface WaitForMailOptions {
  to: string;
  subject?: RegExp;
  /** The id of a message already read: wait for a newer one. */
  after?: string;
  timeoutMs?: number;
  /** Base URL of the Mailpit HTTP server (default: TEST_MAILPIT_URL). */
  baseUrl?: string;
}

interface Address {
  Name: string;
  Address: string;
}

interface MessageSummary {
  ID: string;
  To: Address[] | null;
  Subject: string;
}

interface MessagesPage {
  messages: MessageSummary[];
}

interface Message {
  ID: string;
  From: Address | null;
  To: Address[] | null;
  Subject: string;
  Text: string;
  HTML: string;
}

/** Base URL of the test mail catcher; throws when the test runner did not provide one. */
export function mailpitUrl(): string {
  const url = process.env.TEST_MAILPIT_URL;
  if (!url) {
    throw new Error('TEST_MAILPIT_URL is not set: run the tests through `npm test` (scripts/test.mjs)');
  }
  return url.replace(/\/+$/, '');
}

async function api<T>(baseUrl: string, method: string, route: string): Promise<T | null> {
  const res = await fetch(`${baseUrl}/api/v1/${route}`, { method });
  if (!res.ok) {
    throw new Error(`Mailpit ${method} /api/v1/${route}: HTTP ${res.status} ${await res.text()}`);
  }
  return method === 'DELETE' ? null : ((await res.json()) as T);
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** http(s) links of a message: href attributes of the HTML first, then URLs in the text. */
export function extractLinks(html: string, text: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    links.push(decodeEntities(m[1] ?? m[2] ?? ''));
  }
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) links.push(m[0]);
  return [...new Set(links.filter((l) => /^https?:\/\//i.test(l)))];
}

function addressesOf(list: Address[] | null): string[] {
  return (list ?? []).map((a) => a.Address);
}

/** Deletes every message in the catcher. */
export async function clearMailbox(baseUrl = mailpitUrl()): Promise<void> {
  await api(baseUrl, 'DELETE', 'messages');
}

/** Reads one message by its Mailpit ID. */
export async function readMail(id: string, baseUrl = mailpitUrl()): Promise<CaughtMail> {
  const msg = await api<Message>(baseUrl, 'GET', `message/${encodeURIComponent(id)}`);
  if (!msg) throw new Error(`Mailpit returned no message ${id}`);
  return {
    id: msg.ID,
    from: msg.From?.Address ?? '',
    to: addressesOf(msg.To),
    subject: msg.Subject,
    text: msg.Text,
    html: msg.HTML,
    links: extractLinks(msg.HTML, msg.Text),
  };
}

/**
 * Polls the catcher until a message to `to` (and whose subject matches, when given) arrives,
 * and returns the newest such message. Rejects after timeoutMs (default 10 s).
 */
export async function waitForMail({
  to,
  subject,
  after,
  timeoutMs = 10_000,
  baseUrl = mailpitUrl(),
}: WaitForMailOptions): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  const query = encodeURIComponent(`to:"${to}"`);
  const wanted = to.toLowerCase();
  for (;;) {
    const page = await api<MessagesPage>(baseUrl, 'GET', `search?query=${query}`);
    // Newest first; the search is a substring match, so check the address exactly.
    const found = (page?.messages ?? []).filter(
      (m) =>
        addressesOf(m.To).some((a) => a.toLowerCase() === wanted) && (!subject || subject.test(m.Subject)),
    );
    // Newer than a message already read: drop it and everything older.
    const seenAt = after ? found.findIndex((m) => m.ID === after) : -1;
    if (seenAt >= 0) found.splice(seenAt);
    if (found[0]) return readMail(found[0].ID, baseUrl);
    const seen = (page?.messages ?? []).map((m) => m.Subject);
    if (Date.now() > deadline) {
      throw new Error(
        `no mail to ${to}${subject ? ` with a subject matching ${String(subject)}` : ''} after ${timeoutMs} ms` +
          (seen.length ? ` (subjects seen for that address: ${seen.join(' | ')})` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
