import { createContext, use } from 'react';
import type { FieldFocus, Peer } from './collab';

/** What every structured field needs: may I write, who is where, how to comment. */
export interface FieldsContextValue {
  readOnly: boolean;
  peers: Peer[];
  /** Tell the others which field I am in and where my caret is (null: I left it). */
  publishFocus: (focus: FieldFocus | null) => void;
  /** Open the comments on a field; null when the viewer cannot comment (versions). */
  onComment: ((path: string) => void) | null;
  /** Open comment threads per field path. */
  commentCounts: ReadonlyMap<string, number>;
}

export const FieldsContext = createContext<FieldsContextValue | null>(null);

export function useFieldsContext(): FieldsContextValue {
  const value = use(FieldsContext);
  if (!value) throw new Error('useFieldsContext outside <FieldsContext>');
  return value;
}
