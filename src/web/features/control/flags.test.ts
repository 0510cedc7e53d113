import { describe, expect, it } from 'vitest';
import type { ComplianceFlag } from '../../../shared/contract/control.ts';
import { remarkedFirst } from './flags.ts';

const flag = (key: string, remarkTimes: string[] = []) => ({
  key, remarks: remarkTimes.map((createdAt, i) => ({ id: `${key}${i}`, text: 'x', authorName: 'З', createdAt })),
}) as unknown as ComplianceFlag;

describe('a teacher\'s flags', () => {
  it('puts the flags with remarks first, the newest remark first, and keeps the rest in order', () => {
    const flags = [flag('a'), flag('b', ['2025-10-20T03:00:00Z']), flag('c'), flag('d', ['2025-10-01T03:00:00Z', '2025-10-21T03:00:00Z'])];
    expect(remarkedFirst(flags).map((f) => f.key)).toEqual(['d', 'b', 'a', 'c']);
  });
});
