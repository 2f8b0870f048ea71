// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryAttemptStore } from './attempt-store';

describe('createMemoryAttemptStore', () => {
  it('returns what was set until the TTL passes by its clock', async () => {
    let time = 1_000;
    const store = createMemoryAttemptStore({ now: () => time });
    await store.set('k', { a: 1 }, 100);
    time = 1_099;
    expect(await store.get('k')).toEqual({ a: 1 });
    time = 1_100;
    expect(await store.get('k')).toBeUndefined();
  });

  it('hands out copies, so a caller cannot change a stored value in place', async () => {
    const store = createMemoryAttemptStore();
    const value = { list: [1] };
    await store.set('k', value, 1_000);
    value.list.push(2);
    const read = (await store.get('k')) as { list: number[] };
    read.list.push(3);
    expect(await store.get('k')).toEqual({ list: [1] });
  });

  it('deletes', async () => {
    const store = createMemoryAttemptStore();
    await store.set('k', 1, 1_000);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('adds only when the key is free or expired', async () => {
    let time = 0;
    const store = createMemoryAttemptStore({ now: () => time });
    expect(await store.add?.('claim', 1, 10)).toBe(true);
    expect(await store.add?.('claim', 2, 10)).toBe(false);
    expect(await store.get('claim')).toBe(1);
    time = 10;
    expect(await store.add?.('claim', 3, 10)).toBe(true);
  });

  it('keeps at most maxEntries, dropping the oldest first', async () => {
    const store = createMemoryAttemptStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await store.set(key, key, 1_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await Promise.all(['b', 'c', 'd'].map((key) => store.get(key)))).toEqual(['b', 'c', 'd']);
  });
});
