import { PASSWORD_MIN_LENGTH } from '@cocon/shared';
import { HttpError } from '../http/validation.js';

/**
 * Passwords people commonly choose (and their French variants), refused whatever their length:
 * they are the first ones tried in password spraying. Compared folded (case, accents, digits
 * and symbols at the ends removed), so "Motdepasse2026!" counts as "motdepasse".
 */
const COMMON = new Set([
  'password',
  'passw0rd',
  'motdepasse',
  'motdepass',
  'azerty',
  'azertyuiop',
  'qwerty',
  'qwertyuiop',
  'abc',
  'abcdef',
  'abcdefgh',
  'abcdefghij',
  'letmein',
  'welcome',
  'bienvenue',
  'admin',
  'administrator',
  'administrateur',
  'iloveyou',
  'jetaime',
  'soleil',
  'bonjour',
  'monkey',
  'dragon',
  'football',
  'hockey',
  'baseball',
  'canadiens',
  'habs',
  'quebec',
  'montreal',
  'canada',
  'sunshine',
  'princess',
  'master',
  'trustno',
  'superman',
  'batman',
  'starwars',
  'changeme',
  'secret',
  'motdepassesecret',
  'cocon',
  'concertation',
  'summer',
  'winter',
  'automne',
  'printemps',
  'hiver',
  'ete',
  'loulou',
  'doudou',
  'chocolat',
  'nicolas',
  'julien',
  'camille',
  'marie',
  'jeanne',
  'michel',
  'password1',
  'qwertz',
  'asdfghjkl',
  'zxcvbnm',
  'aaaaaaaaaa',
  'motdepasse1',
  'mdp',
  'pass',
  'passe',
  'user',
  'utilisateur',
]);

const SEQUENCES = ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'azertyuiop', 'qwertyuiop'];

function fold(password: string): string {
  return password
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[^a-z]+|[^a-z]+$/g, '');
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordWeakness(
  password: string,
  context: string[] = [],
): 'too_short' | 'too_common' | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const folded = fold(password);
  const lower = password.toLowerCase();
  if (folded.length < 4 || COMMON.has(folded)) return 'too_common';
  if (new Set(lower).size <= 2) return 'too_common';
  if (SEQUENCES.some((seq) => seq.includes(lower) || lower.includes(seq.slice(0, PASSWORD_MIN_LENGTH)))) {
    return 'too_common';
  }
  // The person's own e-mail or name as the password.
  for (const item of context) {
    const word = fold(item.split('@')[0] ?? '');
    if (word.length >= 4 && folded.includes(word)) return 'too_common';
  }
  return null;
}

export function assertStrongPassword(password: string, context: string[] = []): void {
  const weakness = passwordWeakness(password, context);
  if (weakness === 'too_short') {
    throw new HttpError(400, 'weak_password', `Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (weakness === 'too_common') {
    throw new HttpError(400, 'weak_password', 'This password is too common or too easy to guess.');
  }
}
