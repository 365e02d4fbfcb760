import { GUEST_NAME_CHANGES, type GuestNameChange, type JoinResult } from '@cocon/shared';

/** The name a guest was given on joining, when it is not the one they typed, and why. */
export interface JoinedAs {
  name: string;
  change: GuestNameChange;
}

/** What the join form leaves in the router state for the page it opens (nothing to say: nothing). */
export function joinedAsState(result: JoinResult): { joinedAs: JoinedAs } | undefined {
  const name = result.session.user?.displayName;
  return result.nameChange && name ? { joinedAs: { name, change: result.nameChange } } : undefined;
}

/** Reads it back from `location.state`, which may hold anything (another page's state, an old entry). */
export function joinedAsFrom(state: unknown): JoinedAs | null {
  const value = (state as { joinedAs?: unknown } | null)?.joinedAs as Partial<JoinedAs> | undefined;
  if (!value || typeof value.name !== 'string' || value.name === '') return null;
  return (GUEST_NAME_CHANGES as readonly unknown[]).includes(value.change)
    ? { name: value.name, change: value.change as GuestNameChange }
    : null;
}
