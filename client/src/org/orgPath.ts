/**
 * Where an organisation's page lives: `/o/<slug>/forums`, `/o/<slug>/boards/:id`, …
 * Without an organisation (a share-link reader, an account in none yet) the page keeps its
 * unprefixed path, which renders in place.
 */
export function orgPath(slug: string | null | undefined, path: string): string {
  const rest = path.startsWith('/') ? path : `/${path}`;
  return slug ? `/o/${encodeURIComponent(slug)}${rest === '/' ? '' : rest}` : rest;
}
