import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyedQueue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('never interleaves two tasks of one key, and goes on after a failure', async () => {
    const queue = new KeyedQueue();
    let value = 0;
    const increment = () =>
      queue.run('k', async () => {
        const read = value;
        await tick();
        value = read + 1;
      });
    const failing = queue.run('k', () => Promise.reject(new Error('boom')));
    await Promise.all([increment(), increment(), failing.catch(() => undefined), increment()]);
    expect(value).toBe(3);
    await expect(failing).rejects.toThrow('boom');
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    await Promise.all([
      queue.run('a', async () => {
        await tick();
        await tick();
        order.push('a');
      }),
      queue.run('b', async () => {
        order.push('b');
      }),
    ]);
    expect(order).toEqual(['b', 'a']);
  });
});
