import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sendOp } from './api.ts';
import { loadQueue, type MarkCreateOp, saveQueue } from './offlineQueue.ts';

// Hoisted with the mock, which runs before the imports above.
const calls = vi.hoisted(() => [] as { method: string; path: string; body: unknown }[]);
vi.mock('../../api/client.ts', () => ({
  ApiError: class extends Error {},
  api: async (method: string, path: string, body?: unknown) => {
    calls.push({ method, path, body });
    return { id: (body as { id?: string } | undefined)?.id ?? 'server-id', version: 1 };
  },
}));

class MemoryStore {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}

beforeEach(() => { calls.length = 0; });

describe('sendOp', () => {
  it('sends a new mark with the id chosen when it was typed, the same id again after a reload', async () => {
    const op: MarkCreateOp = {
      id: 'o', kind: 'mark.create', lessonId: 'L1', studentId: 'S1', tempId: 'tmp-o', markId: '0198f0a2-7c1e-7a10-8b3c-1234567890ab',
      workTypeId: 'W', weight: 2, scale: 'five', value: '5', comment: '',
    };
    await sendOp('school', op);
    const store = new MemoryStore();
    saveQueue(store, 'k', [op]);
    await sendOp('school', loadQueue(store, 'k')[0]!);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toEqual({
        method: 'POST', path: '/schools/school/lessons/L1/marks',
        body: { id: op.markId, studentId: 'S1', workTypeId: 'W', value: '5', scale: 'five', weight: 2, comment: '' },
      });
    }
  });
});
