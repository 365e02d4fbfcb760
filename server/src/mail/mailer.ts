// Sends e-mail over SMTP (nodemailer). In development and tests the SMTP server is a local
// Mailpit (scripts/mailpit.mjs); in production SMTP_URL points to the real relay.
import { createTransport } from 'nodemailer';
import type { Logger } from '../util/logger.js';

export interface MailerOptions {
  /** smtp://[user:pass@]host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  smtpUrl: string;
  /** Default sender, e.g. `Cocon <no-reply@cocon.local>`. */
  from: string;
  /** Connection, greeting and socket timeout in ms (default 15 s). */
  timeoutMs?: number;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SentMail {
  messageId: string;
}

/** The SMTP URL without its password, fit for logs and error messages. */
export function redactSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return '(invalid SMTP URL)';
  }
}

/** Throws when the URL is not an smtp:// or smtps:// URL with a host. */
export function checkSmtpUrl(smtpUrl: string): URL {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error(`SMTP URL is not a URL: ${redactSmtpUrl(smtpUrl)}`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP URL must start with smtp:// or smtps://, got ${redactSmtpUrl(smtpUrl)}`);
  }
  if (!url.hostname) throw new Error(`SMTP URL has no host: ${redactSmtpUrl(smtpUrl)}`);
  return url;
}

/** "a***@example.org": enough to follow a delivery in the logs without storing the address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/**
 * One SMTP transport. send() rejects with an Error naming the server and the cause when the
 * mail is not accepted; deciding whether that is fatal is the caller's business.
 */
export class Mailer {
  private readonly transport: ReturnType<typeof createTransport>;
  private readonly from: string;
  private readonly server: string;
  private closed = false;

  constructor(
    options: MailerOptions,
    private readonly logger: Logger,
  ) {
    checkSmtpUrl(options.smtpUrl);
    const timeout = options.timeoutMs ?? 15_000;
    this.from = options.from;
    this.server = redactSmtpUrl(options.smtpUrl);
    this.transport = createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: OutgoingMail): Promise<SentMail> {
    if (this.closed) throw new Error('mailer is closed');
    if (!message.to.trim()) throw new Error('mail has no recipient');
    const to = maskAddress(message.to);
    let info: { messageId: string; rejected: unknown[] };
    try {
      info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn('mail not sent', { to, server: this.server, reason });
      throw new Error(`could not send mail to ${to} through ${this.server}: ${reason}`, { cause: err });
    }
    if (info.rejected.length > 0) {
      this.logger.warn('mail rejected', { to, server: this.server, messageId: info.messageId });
      throw new Error(`${this.server} rejected the recipient ${to}`);
    }
    this.logger.info('mail sent', { to, messageId: info.messageId });
    return { messageId: info.messageId };
  }

  /** Closes the transport; later send() calls reject. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.close();
  }
}
