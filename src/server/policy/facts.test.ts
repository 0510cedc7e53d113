import { describe, expect, it } from 'vitest';
import type { GroupTeaching } from '../roster/teaching.ts';
import { checkFact } from './facts.ts';

const group = '01938a9c-0000-7000-8000-000000000001';
const staff = ['01938a9c-0000-7000-8000-0000000000a1', '01938a9c-0000-7000-8000-0000000000a2'];
const fact = { groupId: group, staffIds: staff, teachesNow: true } as unknown as GroupTeaching;

describe('a fact handed to the policy', () => {
  it('is taken when it is about the group and the staff being checked, in any order and letter case', () => {
    expect(checkFact(fact, { groupId: group.toUpperCase(), staffIds: [...staff].reverse() })).toBe(fact);
  });

  it('is refused, never taken as an answer, when it is about another group', () => {
    expect(() => checkFact(fact, { groupId: '01938a9c-0000-7000-8000-000000000002', staffIds: staff })).toThrow(/another object or actor/);
  });

  it('is refused when it was read for other staff than the asker (more, fewer or others)', () => {
    expect(() => checkFact(fact, { groupId: group, staffIds: [staff[0]!] })).toThrow(/another object or actor/);
    expect(() => checkFact(fact, { groupId: group, staffIds: [...staff, '01938a9c-0000-7000-8000-0000000000a3'] })).toThrow(/another object or actor/);
    expect(() => checkFact(fact, { groupId: group, staffIds: [] })).toThrow(/another object or actor/);
  });
});
