import { describe, expect, it } from 'vitest';
import { Mailer, checkSmtpUrl, maskAddress, redactSmtpUrl } from './mailer.js';
import { escapeHtml, formatMailDate, invitationMail, passwordResetMail } from './templates.js';
import { silentLogger } from '../util/logger.js';

const expiresAt = new Date('2026-01-15T19:30:00Z'); // 14 h 30 in Toronto (EST)

describe('Mailer configuration', () => {
  it('accepts smtp:// and smtps:// URLs only', () => {
    expect(checkSmtpUrl('smtp://127.0.0.1:1025').port).toBe('1025');
    expect(checkSmtpUrl('smtps://u:p@mail.example.org').hostname).toBe('mail.example.org');
    expect(() => checkSmtpUrl('http://127.0.0.1:1025')).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => checkSmtpUrl('not a url')).toThrow(/not a URL/);
    expect(() => new Mailer({ smtpUrl: 'mailto:x', from: 'a@b.c' }, silentLogger)).toThrow();
  });

  it('never shows the SMTP password nor a whole address', () => {
    expect(redactSmtpUrl('smtp://user:s3cret@mail.example.org:587')).toBe(
      'smtp://user:***@mail.example.org:587',
    );
    expect(() => checkSmtpUrl('ftp://user:s3cret@host')).toThrow(/^(?!.*s3cret)/);
    expect(maskAddress('marie.tremblay@example.org')).toBe('m***@example.org');
    expect(maskAddress('broken')).toBe('***');
  });

  it('refuses to send once closed', async () => {
    const mailer = new Mailer({ smtpUrl: 'smtp://127.0.0.1:1025', from: 'a@b.c' }, silentLogger);
    mailer.close();
    await expect(mailer.send({ to: 'x@example.org', subject: 's', text: 't' })).rejects.toThrow(/closed/);
  });
});

describe('mail templates', () => {
  it('write invitations in Québec French by default', () => {
    const mail = invitationMail({
      organizationName: 'CDC des Maskoutains',
      inviterName: 'Marie Tremblay',
      role: 'facilitator',
      link: 'https://cocon.example.org/invitation/abc',
      expiresAt,
    });
    expect(mail.subject).toBe('Vous êtes invité·e à rejoindre CDC des Maskoutains sur Cocon');
    expect(mail.text).toContain('Marie Tremblay vous invite à rejoindre CDC des Maskoutains');
    expect(mail.text).toContain('rôle «\u00a0Animation\u00a0»');
    expect(mail.text).toContain('https://cocon.example.org/invitation/abc');
    expect(mail.text).toContain(formatMailDate(expiresAt, 'fr'));
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('href="https://cocon.example.org/invitation/abc"');
  });

  it('write invitations in English on request', () => {
    const mail = invitationMail({
      organizationName: 'CDC',
      inviterName: 'Sam',
      role: 'member',
      link: 'https://cocon.example.org/i/1',
      expiresAt,
      language: 'en',
    });
    expect(mail.subject).toBe('You are invited to join CDC on Cocon');
    expect(mail.text).toContain('with the role “Member”');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).toContain(formatMailDate(expiresAt, 'en'));
  });

  it('escape every interpolated value in the HTML', () => {
    const mail = invitationMail({
      organizationName: "<script>alert(1)</script> de l'animation",
      inviterName: 'A & "B"',
      role: 'facilitator',
      link: 'https://cocon.example.org/i?a=1&b="2"',
      expiresAt,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('A &amp; &quot;B&quot;');
    expect(mail.html).toContain('l&#39;animation');
    expect(mail.html).toContain('href="https://cocon.example.org/i?a=1&amp;b=%222%22"');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('refuse links that are not http(s)', () => {
    expect(() => passwordResetMail({ link: 'javascript:alert(1)', expiresAt })).toThrow(/http\(s\)/);
    expect(() => passwordResetMail({ link: '/relative', expiresAt })).toThrow(/absolute URL/);
  });

  it('write password resets in both languages, with Toronto time', () => {
    const fr = passwordResetMail({ link: 'https://cocon.example.org/r/1', expiresAt });
    expect(fr.subject).toBe('Réinitialiser votre mot de passe Cocon');
    expect(fr.text).toContain('Réinitialiser mon mot de passe\u00a0: https://cocon.example.org/r/1');
    expect(formatMailDate(expiresAt, 'fr')).toMatch(/15 janvier 2026.*14\s*h\s*30/);
    const en = passwordResetMail({ link: 'https://cocon.example.org/r/1', expiresAt, language: 'en' });
    expect(en.subject).toBe('Reset your Cocon password');
    expect(formatMailDate(expiresAt, 'en')).toMatch(/January 15, 2026.*2:30/);
  });
});
