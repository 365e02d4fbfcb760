/** The link a guest's phone opens: the join form with the code filled in. */
export function joinLink(code: string, origin: string): string {
  return `${origin}/join/${encodeURIComponent(code)}`;
}

/** The same link as people type it (no scheme): "cocon.example.org/join/AB12CD". */
export function shortJoinLink(code: string, location: Pick<Location, 'host'>): string {
  return `${location.host}/join/${encodeURIComponent(code)}`;
}
