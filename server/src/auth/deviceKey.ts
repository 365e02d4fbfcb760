import { createHash } from 'node:crypto';
import { newToken } from './tokens.js';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';

export const DEVICE_COOKIE = 'cocon_device';
const DEVICE_TTL_SECONDS = 365 * 24 * 3600;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A guest's identity on their device: a random key in its own httpOnly cookie, kept through
 * logout and rejoining. A guest's id in a forum is derived from it, so that rejoining with the
 * code gives back their pseudonym, their dots and the edit rights on their own ideas, and two
 * devices never share one.
 */
export class DeviceKeys {
  constructor(private readonly secureCookies: boolean) {}

  /** The device's key from the request's cookies, or a new one with the cookie that stores it. */
  fromCookieHeader(header: string | undefined): { key: string; cookie: string | null } {
    const existing = header ? parseCookie(header)[DEVICE_COOKIE] : undefined;
    if (existing && KEY_PATTERN.test(existing)) return { key: existing, cookie: null };
    const key = newToken();
    const cookie = serializeCookie(DEVICE_COOKIE, key, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: '/',
      maxAge: DEVICE_TTL_SECONDS,
    });
    return { key, cookie };
  }
}

/** The guest id of a device in a forum (the key itself never leaves the cookie). */
export function guestIdFor(deviceKey: string, forumId: string): string {
  return `g_${createHash('sha256').update(`${deviceKey}:${forumId}`).digest('base64url').slice(0, 22)}`;
}
