import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@cocon/shared';
import { Mailer } from '../src/mail/mailer.js';
import { invitationMail, passwordResetMail } from '../src/mail/templates.js';
import { silentLogger } from '../src/util/logger.js';
import { clearMailbox, mailpitUrl, waitForMail } from './helpers/mailCatcher.js';

const SMTP_URL = process.env.TEST_SMTP_URL;

describe('e-mail through SMTP to the test mail catcher', () => {
  let mailer: Mailer;

  beforeAll(() => {
    if (!SMTP_URL) throw new Error('TEST_SMTP_URL is not set: run the tests through `npm test`');
    mailpitUrl(); // throws when TEST_MAILPIT_URL is missing
    mailer = new Mailer({ smtpUrl: SMTP_URL, from: 'Cocon <no-reply@cocon.local>' }, silentLogger);
  });
  afterAll(() => {
    mailer?.close();
  });
  beforeEach(async () => {
    await clearMailbox();
  });

  it('delivers an invitation whose link and details reach the recipient', async () => {
    const to = `invitee-${newId()}@example.org`;
    const link = `http://localhost:3000/invitation/${newId()}?lang=fr&x=<b>`;
    const content = invitationMail({
      organizationName: 'CDC Haute-Yamaska & <Cie>',
      inviterName: 'Marie Tremblay',
      role: 'facilitator',
      link,
      expiresAt: new Date('2026-02-01T17:00:00Z'),
    });
    const sent = await mailer.send({ to, ...content });
    expect(sent.messageId).toMatch(/@/);

    const mail = await waitForMail({ to, subject: /invité·e à rejoindre/, timeoutMs: 10_000 });
    expect(mail.subject).toBe('Vous êtes invité·e à rejoindre CDC Haute-Yamaska & <Cie> sur Cocon');
    expect(mail.to).toEqual([to]);
    expect(mail.from).toBe('no-reply@cocon.local');
    const expected = new URL(link).href;
    expect(mail.links).toContain(expected);
    expect(mail.text).toContain(expected);
    expect(mail.text).toContain('Marie Tremblay');
    expect(mail.text).toContain('1 février 2026');
    // Interpolated text arrives escaped in the HTML part.
    expect(mail.html).toContain('CDC Haute-Yamaska &amp; &lt;Cie&gt;');
    expect(mail.html).not.toContain('<Cie>');
  });

  it('keeps mails to different people apart', async () => {
    const alice = `alice-${newId()}@example.org`;
    const bob = `bob-${newId()}@example.org`;
    const expiresAt = new Date(Date.now() + 3600_000);
    await mailer.send({
      to: alice,
      ...passwordResetMail({ link: 'http://localhost:3000/reset/a', expiresAt, language: 'en' }),
    });
    await mailer.send({
      to: bob,
      ...passwordResetMail({ link: 'http://localhost:3000/reset/b', expiresAt }),
    });
    const forBob = await waitForMail({ to: bob, subject: /mot de passe/ });
    expect(forBob.links).toEqual(['http://localhost:3000/reset/b']);
    const forAlice = await waitForMail({ to: alice, subject: /Reset your Cocon password/ });
    expect(forAlice.links).toEqual(['http://localhost:3000/reset/a']);
  });

  it('reports a mail that never arrived instead of passing', async () => {
    await expect(waitForMail({ to: `nobody-${newId()}@example.org`, timeoutMs: 300 })).rejects.toThrow(
      /no mail to nobody-/,
    );
  });

  it('rejects send() with the server in the message when nothing listens', async () => {
    const broken = new Mailer(
      { smtpUrl: 'smtp://127.0.0.1:1', from: 'Cocon <no-reply@cocon.local>' },
      silentLogger,
    );
    try {
      await expect(broken.send({ to: 'x@example.org', subject: 's', text: 't' })).rejects.toThrow(
        /could not send mail to x\*\*\*@example\.org through smtp:\/\/127\.0\.0\.1:1/,
      );
    } finally {
      broken.close();
    }
  });
});
