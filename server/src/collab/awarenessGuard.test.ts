import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwarenessEntries, readAwarenessEntries } from './awarenessGuard.js';

describe('awareness guard', () => {
  it('reads the entries of an update and encodes a subset the protocol accepts', () => {
    const a = new awarenessProtocol.Awareness(Object.assign(new Y.Doc(), { clientID: 77 }));
    const b = new awarenessProtocol.Awareness(Object.assign(new Y.Doc(), { clientID: 88 }));
    a.setLocalState({ user: { name: 'Ana' } });
    b.setLocalState({ user: { name: 'Ben' } });
    awarenessProtocol.applyAwarenessUpdate(a, awarenessProtocol.encodeAwarenessUpdate(b, [88]), 'test');
    const entries = readAwarenessEntries(awarenessProtocol.encodeAwarenessUpdate(a, [77, 88]), 4096);
    expect(entries.map((e) => e.clientId)).toEqual([77, 88]);

    const target = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(
      target,
      encodeAwarenessEntries(entries.filter((e) => e.clientId === 77)),
      'x',
    );
    expect([...target.getStates().keys()].filter((id) => id !== target.clientID)).toEqual([77]);
  });

  it('throws on truncated or oversized input', () => {
    expect(() => readAwarenessEntries(new Uint8Array([1, 5]), 4096)).toThrow();
    const big = new awarenessProtocol.Awareness(new Y.Doc());
    big.setLocalState({ big: 'x'.repeat(5000) });
    expect(() =>
      readAwarenessEntries(awarenessProtocol.encodeAwarenessUpdate(big, [big.clientID]), 4096),
    ).toThrow();
  });
});
