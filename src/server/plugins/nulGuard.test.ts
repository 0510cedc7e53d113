import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoSchools, type TwoSchools } from '../../../tests/factories/testSchools.ts';
import { as } from '../../../tests/support/testApp.ts';
import { NUL_MESSAGE, nulPath } from '../../shared/contract/nul.ts';
import { TEST_ACTOR_HEADER } from './actor.ts';

let s: TwoSchools;
beforeAll(async () => { s = await twoSchools(); });
afterAll(async () => { await s.t.close(); });

const refusal = (field: string) => ({ error: { code: 'validation.failed', message: 'Проверьте заполнение полей', fields: { [field]: NUL_MESSAGE } } });

describe('a NUL character anywhere in a request (one rule for every route)', () => {
  it('in a sign-in body: 400 naming the field, not a 500', async () => {
    const res = await s.t.app.inject({
      method: 'POST', url: '/api/v1/auth/login', headers: { 'x-klassny-csrf': '1' }, payload: { login: 'kl\u0000ass', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual(refusal('login'));
  });

  it('in a search query, a path parameter, a nested body field and an object key', async () => {
    const admin = as(s.t.app, s.admin);
    const search = await admin.get(`${s.base}/students?search=${encodeURIComponent('Ив\u0000')}`);
    expect([search.statusCode, search.json()]).toEqual([400, refusal('search')]);
    const param = await admin.get(`${s.base}/students/${encodeURIComponent('\u0000')}`);
    expect([param.statusCode, param.json()]).toEqual([400, refusal('id')]);
    const nested = await admin.post(`${s.base}/students`, { lastName: 'Иванов', extra: [{ note: 'a\u0000' }] });
    expect([nested.statusCode, nested.json()]).toEqual([400, refusal('extra.0.note')]);
    const key = await admin.post(`${s.base}/students`, { ['a\u0000']: 1 });
    expect([key.statusCode, key.json()]).toEqual([400, refusal('a\\u0000')]);
    const list = await admin.get(`${s.base}/students`);
    expect(list.json().items).toEqual([]);
  });

  it('in a header that reaches the database (the browser\'s name, kept with a session)', async () => {
    const res = await s.t.app.inject({
      method: 'GET', url: `${s.base}/students`, headers: { [TEST_ACTOR_HEADER]: JSON.stringify(s.admin), 'user-agent': 'Mozilla\u0000' },
    });
    expect([res.statusCode, res.json()]).toEqual([400, refusal('user-agent')]);
  });

  it('nulPath walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulPath(deep)).toMatch(/^0(\.0)+$/);
    expect(nulPath({ a: ['ok', { b: 'fine' }] })).toBeNull();
  });
});
