import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessClientIds } from './awarenessGuard.js';

describe('awareness guard', () => {
  it('reads the client ids an update speaks for', () => {
    const doc = new Y.Doc();
    doc.clientID = 77;
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Ana' } });
    expect(awarenessClientIds(awarenessProtocol.encodeAwarenessUpdate(awareness, [77]), 4096)).toEqual([77]);
  });

  it('throws on truncated or oversized input', () => {
    expect(() => awarenessClientIds(new Uint8Array([1, 5]), 4096)).toThrow();
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ big: 'x'.repeat(5000) });
    expect(() =>
      awarenessClientIds(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]), 4096),
    ).toThrow();
  });
});
