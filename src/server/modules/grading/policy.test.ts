import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGradingWorld, gradingCount, type GradingWorld } from '../../../../tests/factories/grading.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { DEFAULT_GRADING_POLICY } from '../../../shared/domain/grading.ts';

let t: TestContext;
let w: GradingWorld;
let otherSchoolId: string;
const url = () => `/api/v1/schools/${w.schoolId}/grading-policy`;
const strict = { thresholds: { '3': 2.5, '4': 3.5, '5': 4.6 }, minMarks: 3, excludedWorkTypeIds: [], notAssessedWhen: { fewerMarksThanMin: true } };

beforeAll(async () => {
  t = await createTestApp();
  w = await buildGradingWorld(t.database.db);
  otherSchoolId = (await createSchool(t.database.db)).school.id;
});
afterAll(async () => { await t.close(); });

describe('the grading policy', () => {
  it('answers the built-in default, version 0, before the school writes its own', async () => {
    const res = await as(t.app, w.actors.student).get(url());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: 0, isDefault: true, rules: DEFAULT_GRADING_POLICY, authorUserId: null, createdAt: null });
    const versions = await as(t.app, w.actors.math).get(`${url()}/versions`);
    expect(versions.json().items).toHaveLength(1);
  });

  it('writes each change as a new version and never rewrites an older one', async () => {
    const first = await as(t.app, w.actors.deputy).put(url(), strict);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, isDefault: false, authorUserId: w.actors.deputy.userId });
    expect(first.json().rules).toEqual({ ...strict, yearFrom: 'periodMean' });
    const second = await as(t.app, w.actors.admin).put(url(), {
      thresholds: { '3': 2.6, '4': 3.6, '5': 4.6 }, workTypeWeights: { [w.test.id]: 3 }, excludedWorkTypeIds: [w.oral.id],
      notAssessedWhen: { fewerMarksThanMin: false, absentShareAbove: 0.5 },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ version: 2, rules: { minMarks: 3, workTypeWeights: { [w.test.id]: 3 } } });

    const current = await as(t.app, w.actors.student).get(url());
    expect(current.json().version).toBe(2);
    const versions = (await as(t.app, w.actors.director).get(`${url()}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].rules).toEqual(first.json().rules);
    expect(await gradingCount(t.database.db, 'gradingPolicies', w.schoolId)).toBe(2);
  });

  it.each([
    ['thresholds out of 1–5', { ...strict, thresholds: { '3': 0.5, '4': 3.5, '5': 5.5 } }, ['thresholds.3', 'thresholds.5']],
    ['thresholds not ascending', { ...strict, thresholds: { '3': 3.5, '4': 3.5, '5': 4.5 } }, ['thresholds.4']],
    ['a threshold with three decimals', { ...strict, thresholds: { '3': 2.5, '4': 3.5, '5': 4.555 } }, ['thresholds.5']],
    ['thresholds missing', { minMarks: 3 }, ['thresholds']],
    ['a minimum above 20', { ...strict, minMarks: 21 }, ['minMarks']],
    ['a negative minimum', { ...strict, minMarks: -1 }, ['minMarks']],
    ['a fractional minimum', { ...strict, minMarks: 2.5 }, ['minMarks']],
    ['a share of absences of 1', { ...strict, notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 1 } }, ['notAssessedWhen.absentShareAbove']],
    ['a weight of 0', { ...strict, workTypeWeights: { [unknownId]: 0 } }, [`workTypeWeights.${unknownId}`]],
    ['a work type id that is not an id', { ...strict, excludedWorkTypeIds: ['контрольная'] }, ['excludedWorkTypeIds.0']],
    ['thresholds as text', { ...strict, thresholds: { '3': '2,5', '4': 3.5, '5': 4.5 } }, ['thresholds.3']],
    ['another year rule', { ...strict, yearFrom: 'lastPeriod' }, ['yearFrom']],
  ])('refuses %s with 400 and writes no version', async (_name, body, fields) => {
    const before = await gradingCount(t.database.db, 'gradingPolicies', w.schoolId);
    const res = await as(t.app, w.actors.admin).put(url(), body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    for (const field of fields) expect(res.json().error.fields).toHaveProperty([field]);
    expect(await gradingCount(t.database.db, 'gradingPolicies', w.schoolId)).toBe(before);
  });

  it('refuses work types unknown to the school (another school\'s, or none) with 400', async () => {
    const before = await gradingCount(t.database.db, 'gradingPolicies', w.schoolId);
    const res = await as(t.app, w.actors.admin).put(url(), { ...strict, workTypeWeights: { [unknownId]: 2 }, excludedWorkTypeIds: [unknownId] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'work_type.not_found', fields: { workTypeWeights: expect.any(String), excludedWorkTypeIds: expect.any(String) } });
    expect(await gradingCount(t.database.db, 'gradingPolicies', w.schoolId)).toBe(before);
  });

  it('lets anyone of the school read it, and nobody else', async () => {
    for (const actor of [w.actors.student, w.actors.math, schoolActor(w.schoolId, 'guardian')]) {
      expect((await as(t.app, actor).get(url())).statusCode).toBe(200);
    }
    expect((await as(t.app, null).get(url())).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(otherSchoolId, 'admin')).get(url())).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(otherSchoolId, 'admin')).get(`${url()}/versions`)).statusCode).toBe(404);
  });

  it('lets only the admin and the deputy write it', async () => {
    const before = await gradingCount(t.database.db, 'gradingPolicies', w.schoolId);
    for (const [actor, status] of [
      [null, 401], [w.actors.math, 403], [w.actors.director, 403], [w.actors.student, 403], [schoolActor(otherSchoolId, 'admin'), 404],
    ] as const) {
      const res = await as(t.app, actor).put(url(), strict);
      expect(res.statusCode, JSON.stringify(actor?.roles)).toBe(status);
    }
    expect(await gradingCount(t.database.db, 'gradingPolicies', w.schoolId)).toBe(before);
  });

  it('answers 404 for a school that does not exist, and 400 for a malformed id', async () => {
    const platform = { userId: '00000000-0000-7000-8000-00000000ffff', platformAdmin: true, roles: [] };
    expect((await as(t.app, platform).get(`/api/v1/schools/${unknownId}/grading-policy`)).statusCode).toBe(404);
    expect((await as(t.app, w.actors.admin).get('/api/v1/schools/abc/grading-policy')).statusCode).toBe(400);
  });

  it('keeps each school\'s versions apart', async () => {
    const res = await as(t.app, schoolActor(otherSchoolId, 'deputy')).put(`/api/v1/schools/${otherSchoolId}/grading-policy`, strict);
    expect(res.json().version).toBe(1);
    expect((await as(t.app, w.actors.admin).get(url())).json().version).toBe(2);
  });
});
