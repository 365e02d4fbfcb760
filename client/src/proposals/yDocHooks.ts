import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { readProposalFields, type ProposalFieldsView } from '@cocon/shared';

/** The fields document as plain data (labels of comment anchors and diffs), kept current. */
export function useFieldsView(doc: Y.Doc, synced: boolean): ProposalFieldsView | null {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Typing sends an update per key: read the document at most every 300 ms.
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, 300);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc]);
  return useMemo(() => {
    void version;
    return synced ? readProposalFields(doc) : null;
  }, [doc, synced, version]);
}
