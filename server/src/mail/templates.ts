// Pure builders for the e-mails Cocon sends: French (Québec) by default, English on request.
// Each returns the subject, a plain-text body and an HTML body in which every interpolated
// value is escaped.

import type { AccountRole, Language } from '@cocon/shared';

export type MailLanguage = Language;

/** Roles as people read them (the same words as the client's). */
const ROLE_LABELS: Record<MailLanguage, Record<AccountRole, string>> = {
  fr: {
    admin: 'Administration',
    facilitator: 'Animation',
    member: 'Membre',
    partner: 'Partenaire',
    reader: 'Lecture seule',
  },
  en: {
    admin: 'Administrator',
    facilitator: 'Facilitator',
    member: 'Member',
    partner: 'Partner',
    reader: 'Read only',
  },
};

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface InvitationMailInput {
  organizationName: string;
  inviterName: string;
  /** The role offered; the mail names it in its language. */
  role: AccountRole;
  link: string;
  expiresAt: Date;
  language?: MailLanguage;
}

export interface PasswordResetMailInput {
  link: string;
  expiresAt: Date;
  language?: MailLanguage;
}

export const MAIL_TIME_ZONE = 'America/Toronto';

const LOCALES: Record<MailLanguage, string> = { fr: 'fr-CA', en: 'en-CA' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** "15 janvier 2026 à 14 h 30 HNE" / "January 15, 2026 at 2:30 p.m. EST", Toronto time. */
export function formatMailDate(date: Date, language: MailLanguage = 'fr'): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: MAIL_TIME_ZONE,
  }).format(date);
}

/** Only http(s) links go into a mail: anything else would be a way to inject a script URL. */
function checkLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new Error(`mail link is not an absolute URL: ${link}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`mail link must be http(s): ${link}`);
  }
  return url.href;
}

interface Layout {
  language: MailLanguage;
  title: string;
  /** Paragraphs of plain text, escaped here. */
  paragraphs: string[];
  button: { label: string; href: string };
  /** Shown under the button, escaped here. */
  footer: string[];
}

function renderHtml({ language, title, paragraphs, button, footer }: Layout): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const small = (text: string) =>
    `<p style="margin:0 0 8px;font-size:13px;color:#555">${escapeHtml(text)}</p>`;
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f5f3ef;font-family:system-ui,sans-serif;color:#222;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>`,
    ...paragraphs.map(p),
    '<p style="margin:24px 0">',
    `<a href="${escapeHtml(button.href)}" style="display:inline-block;background:#2f6f4f;color:#fff;` +
      `text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">${escapeHtml(button.label)}</a>`,
    '</p>',
    ...footer.map(small),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderText({ language, paragraphs, button, footer }: Layout): string {
  // French puts a (non-breaking) space before the colon, English does not.
  const colon = language === 'fr' ? '\u00a0:' : ':';
  return [...paragraphs, `${button.label}${colon} ${button.href}`, ...footer].join('\n\n') + '\n';
}

function render(layout: Layout, subject: string): MailContent {
  return { subject, text: renderText(layout), html: renderHtml(layout) };
}

export function invitationMail(input: InvitationMailInput): MailContent {
  const language = input.language ?? 'fr';
  const link = checkLink(input.link);
  const expires = formatMailDate(input.expiresAt, language);
  const { organizationName: org, inviterName: inviter } = input;
  const role = ROLE_LABELS[language][input.role];
  if (language === 'en') {
    const subject = `You are invited to join ${org} on Cocon`;
    return render(
      {
        language,
        title: subject,
        paragraphs: [
          'Hello,',
          `${inviter} invites you to join ${org} on Cocon with the role “${role}”.`,
          'Follow the link below to accept the invitation and create your access.',
        ],
        button: { label: 'Accept the invitation', href: link },
        footer: [
          `This invitation expires on ${expires} (Eastern Time).`,
          'If you were not expecting this invitation, you can ignore this message.',
        ],
      },
      subject,
    );
  }
  const subject = `Vous êtes invité·e à rejoindre ${org} sur Cocon`;
  return render(
    {
      language,
      title: subject,
      paragraphs: [
        'Bonjour,',
        `${inviter} vous invite à rejoindre ${org} sur Cocon avec le rôle «\u00a0${role}\u00a0».`,
        'Suivez le lien ci-dessous pour accepter l’invitation et créer votre accès.',
      ],
      button: { label: 'Accepter l’invitation', href: link },
      footer: [
        `Cette invitation expire le ${expires} (heure de l’Est).`,
        'Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce courriel.',
      ],
    },
    subject,
  );
}

export function passwordResetMail(input: PasswordResetMailInput): MailContent {
  const language = input.language ?? 'fr';
  const link = checkLink(input.link);
  const expires = formatMailDate(input.expiresAt, language);
  if (language === 'en') {
    const subject = 'Reset your Cocon password';
    return render(
      {
        language,
        title: subject,
        paragraphs: [
          'Hello,',
          'Someone asked to reset the password of your Cocon account.',
          'Follow the link below to choose a new password.',
        ],
        button: { label: 'Reset my password', href: link },
        footer: [
          `This link expires on ${expires} (Eastern Time) and can be used only once.`,
          'If you did not ask for this, ignore this message: your password stays the same.',
        ],
      },
      subject,
    );
  }
  const subject = 'Réinitialiser votre mot de passe Cocon';
  return render(
    {
      language,
      title: subject,
      paragraphs: [
        'Bonjour,',
        'Une demande de réinitialisation du mot de passe de votre compte Cocon a été faite.',
        'Suivez le lien ci-dessous pour choisir un nouveau mot de passe.',
      ],
      button: { label: 'Réinitialiser mon mot de passe', href: link },
      footer: [
        `Ce lien expire le ${expires} (heure de l’Est) et ne peut servir qu’une seule fois.`,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce courriel\u00a0: votre mot de passe reste le même.',
      ],
    },
    subject,
  );
}
