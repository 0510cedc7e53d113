import { describe, expect, it } from 'vitest';
import type { Me } from '../../../shared/contract/auth.ts';
import type { Role } from '../../../shared/contract/enums.ts';
import { schoolHome, schoolSections } from '../school/sections.ts';
import { REPORTS, type ReportEntry, reportsFor } from './catalogue.ts';

const SCHOOL = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const CLASS = '00000000-0000-4000-8000-0000000000c1';

/** A `/me` of one role in SCHOOL holding `permissions`, keeping `kept` classes there. */
function me(role: Role, permissions: string[], kept: string[] = []): Me {
  return {
    user: { id: '00000000-0000-4000-8000-0000000000a1', login: role, displayName: role, platformAdmin: false },
    roles: [{ schoolId: SCHOOL, schoolName: 'Школа', role, personId: '00000000-0000-4000-8000-0000000000b1' }],
    permissions: { [SCHOOL]: permissions },
    keptClassIds: kept.length > 0 ? { [SCHOOL]: kept } : {},
    totpEnabled: false,
    totpSetupRequired: false,
  };
}

const keys = (entries: ReportEntry[]) => entries.map((e) => e.key);
const CLASS_REPORTS = ['results', 'summary', 'attendance', 'forecast'];
/** Whoever teaches: his own report (report.read) and табель (timesheet.read). */
const TEACHING_REPORTS = ['teacherReport', 'timesheet'];
const TEACHER = ['report.read', 'timesheet.read', 'journal.read'];

describe('the reports a person is offered', () => {
  it('offers the deputy, the director and the admin every report they hold the permission of', () => {
    for (const role of ['deputy', 'director', 'admin'] as const) {
      expect(keys(reportsFor(me(role, ['report.read', 'timesheet.read', 'control.read']), SCHOOL))).toEqual([...CLASS_REPORTS, ...TEACHING_REPORTS, 'controlFigures']);
      expect(keys(reportsFor(me(role, ['report.read']), SCHOOL))).toEqual([...CLASS_REPORTS, 'teacherReport']);
    }
  });

  it('offers a class teacher the class reports, and a teacher keeping no class only his own', () => {
    expect(keys(reportsFor(me('teacher', TEACHER, [CLASS]), SCHOOL))).toEqual([...CLASS_REPORTS, ...TEACHING_REPORTS]);
    expect(keys(reportsFor(me('teacher', TEACHER), SCHOOL))).toEqual(TEACHING_REPORTS);
  });

  it('counts only the classes kept in the school asked about', () => {
    const elsewhere = { ...me('teacher', TEACHER), keptClassIds: { [OTHER]: [CLASS] } };
    expect(keys(reportsFor(elsewhere, SCHOOL))).toEqual(TEACHING_REPORTS);
  });

  it('offers nothing without the permission (student, guardian) or in another school', () => {
    expect(reportsFor(me('student', []), SCHOOL)).toEqual([]);
    expect(reportsFor(me('guardian', []), SCHOOL)).toEqual([]);
    expect(reportsFor(me('deputy', ['report.read']), OTHER)).toEqual([]);
  });

  it('offers a school-wide report to the whole-school roles only, and a teaching one to any teacher', () => {
    const catalogue: ReportEntry[] = [
      { key: 'wide', path: 'wide', permission: 'report.read', audience: 'school' },
      { key: 'own', path: 'own', permission: 'report.read', audience: 'teaching' },
    ];
    expect(keys(reportsFor(me('deputy', ['report.read']), SCHOOL, catalogue))).toEqual(['wide', 'own']);
    expect(keys(reportsFor(me('teacher', ['report.read'], [CLASS]), SCHOOL, catalogue))).toEqual(['own']);
    expect(keys(reportsFor(me('teacher', ['report.read']), SCHOOL, catalogue))).toEqual(['own']);
    expect(REPORTS.map((r) => r.key)).toEqual([...CLASS_REPORTS, ...TEACHING_REPORTS, 'controlFigures']);
  });

  it('puts one entry «Отчёты» in the school navigation, only for whoever has a report to open', () => {
    const paths = (m: Me) => schoolSections(m, SCHOOL).map((s) => s.path);
    expect(paths(me('deputy', ['report.read', 'journal.read']))).toContain('reports');
    expect(paths(me('deputy', ['report.read'])).filter((p) => ['results', 'summary', 'attendance-report', 'forecast'].includes(p))).toEqual([]);
    expect(paths(me('teacher', ['report.read', 'journal.read'], [CLASS]))).toContain('reports');
    expect(paths(me('teacher', TEACHER))).toContain('reports');
    expect(paths(me('teacher', ['journal.read']))).not.toContain('reports');
    expect(schoolHome(me('teacher', TEACHER), SCHOOL)).toBe(`/school/${SCHOOL}/today`);
  });
});
