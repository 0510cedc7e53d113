import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withDemoDistrict } from '../../../tests/factories/demo.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type Db, queryRows } from '../db/client.ts';
import { DEMO_LOGINS } from './accounts.ts';
import { type DistrictSummary, generateDistrict } from './district.ts';

const rows = <T>(db: Db, query: ReturnType<typeof sql>) => queryRows<T>(db, query);

/** One md5 per table over every column of every row, in id order (password hashes left out: argon2 salts them). */
async function digest(db: Db): Promise<Record<string, string>> {
  const tables = [
    'regions', 'municipalities', 'schools', 'academic_years', 'periods', 'holidays', 'bell_schedules', 'subjects', 'rooms',
    'staff', 'classes', 'students', 'guardians', 'enrolments', 'teaching_groups', 'group_members', 'assignments',
    'curriculum_hours', 'user_roles', 'timetable_slots', 'work_types', 'lessons', 'homework', 'attendance', 'marks', 'period_marks',
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await rows<{ md5: string }>(db, sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as md5 from ${table} t`));
    out[table] = row!.md5;
  }
  const [links] = await rows<{ md5: string }>(db, sql`select md5(string_agg(t::text, '|' order by student_id, guardian_id)) as md5 from student_guardians t`);
  const [users] = await rows<{ md5: string }>(db, sql`select md5(string_agg(id || login || display_name || created_at::text, '|' order by id)) as md5 from users`);
  const [journal] = await rows<{ versions: string; policies: string; closures: string }>(db, sql`
    select (select md5(string_agg(t::text, '|' order by mark_id)) from mark_versions t) as versions,
           (select md5(string_agg(t::text, '|' order by school_id)) from (select school_id, version, rules from grading_policies) t) as policies,
           (select md5(string_agg(t::text, '|' order by period_id)) from period_closures t) as closures`);
  return { ...out, student_guardians: links!.md5, users: users!.md5, ...journal! };
}

describe('the demo district', () => {
  let db: Db, summary: DistrictSummary, general: string, college: string;
  withDemoDistrict((demo) => ({ db, summary, general, college } = demo));

  it('has one region, 2–5 municipalities, a general school and a college as the last one', async () => {
    expect(summary.municipalities.length).toBeGreaterThanOrEqual(2);
    expect(summary.municipalities.length).toBeLessThanOrEqual(5);
    expect(summary.schools.map((s) => s.kind)).toEqual(['general', 'college']);
    const [counts] = await rows<{ regions: number; schools: number }>(db, sql`
      select (select count(*)::int from regions) as regions, (select count(*)::int from schools) as schools`);
    expect(counts).toEqual({ regions: 1, schools: 2 });
    expect(summary.schools[0]!.students).toBeGreaterThanOrEqual(450);
  });

  it('gives patronymics that agree with gender: «-ич» for men and boys, «-на» for women and girls', async () => {
    const wrong = await rows<{ middle_name: string }>(db, sql`
      select middle_name from (
        select gender, middle_name from staff union all select gender, middle_name from students
        union all select gender, middle_name from guardians) p
      where (gender = 'male' and middle_name not like '%ич') or (gender = 'female' and middle_name not like '%на')`);
    expect(wrong).toEqual([]);
    const [women] = await rows<{ n: number }>(db, sql`select count(*)::int as n from students where gender = 'female' and last_name !~ '(ова|ева|ина)$'`);
    expect(women!.n).toBe(0);
  });

  it('names children after their father: the patronymic comes from his first name, the surname is his', async () => {
    const [fathers] = await rows<{ n: number; named: number }>(db, sql`
      select count(*)::int as n,
             count(*) filter (where left(s.middle_name, length(g.first_name) - 2) = left(g.first_name, length(g.first_name) - 2)
                              and left(s.last_name, length(g.last_name)) = g.last_name)::int as named
      from student_guardians sg
      join guardians g on g.school_id = sg.school_id and g.id = sg.guardian_id
      join students s on s.school_id = sg.school_id and s.id = sg.student_id
      where sg.relation = 'father'`);
    expect(fathers!.n).toBeGreaterThan(100);
    expect(fathers!.named).toBe(fathers!.n);
  });

  it('opens the year 2026/2027 with quarters for grades 1–9, halves for 10–11 and semesters in the college', async () => {
    const periods = await rows<{ school_id: string; kind: string; grade_from: number; grade_to: number; n: number }>(db, sql`
      select p.school_id, p.kind, p.grade_from, p.grade_to, count(*)::int as n
      from periods p join academic_years y on y.school_id = p.school_id and y.id = p.academic_year_id
      where y.status = 'open' and y.name = '2026/2027' group by 1, 2, 3, 4 order by 1, 2`);
    expect(periods.filter((p) => p.school_id === general).map(({ school_id: _, ...p }) => p)).toEqual([
      { kind: 'half', grade_from: 10, grade_to: 11, n: 2 },
      { kind: 'quarter', grade_from: 1, grade_to: 9, n: 4 },
    ]);
    expect(periods.filter((p) => p.school_id === college).map((p) => [p.kind, p.n])).toEqual([['semester', 2]]);
    const [firstGraders] = await rows<{ n: number }>(db, sql`
      select count(*)::int as n from holidays where school_id = ${general} and grade_from = 1 and grade_to = 1 and starts_on between '2027-02-01' and '2027-02-28'`);
    expect(firstGraders!.n).toBe(1);
  });

  it('gives every class a class teacher of its own school, each teacher only one class', async () => {
    const [c] = await rows<{ classes: number; without: number; teachers: number }>(db, sql`
      select count(*)::int as classes, count(*) filter (where s.id is null)::int as without,
             count(distinct c.class_teacher_id)::int as teachers
      from classes c left join staff s on s.school_id = c.school_id and s.id = c.class_teacher_id`);
    expect(c!.without).toBe(0);
    expect(c!.teachers).toBe(c!.classes);
  });

  it('enrols every student in one class with an open stay and a dated order', async () => {
    const bad = await rows(db, sql`
      select s.id from students s
      left join enrolments e on e.school_id = s.school_id and e.student_id = s.id and e.ends_on is null
      group by s.id having count(e.id) <> 1`);
    expect(bad).toEqual([]);
    const [order] = await rows<{ start_order_number: string; start_event: string }>(db, sql`
      select start_order_number, start_event from enrolments where school_id = ${general} and starts_on = '2026-09-01' limit 1`);
    expect(order).toMatchObject({ start_event: 'admitted', start_order_number: expect.stringMatching(/^\d+-у$/) });
  });

  it('gives every school student one or two guardians, and some guardians two children', async () => {
    const counts = await rows<{ n: number; students: number }>(db, sql`
      select n, count(*)::int as students from (
        select s.id, count(g.guardian_id)::int as n from students s
        left join student_guardians g on g.school_id = s.school_id and g.student_id = s.id
        where s.school_id = ${general} group by s.id) x group by n order by n`);
    expect(counts.map((c) => c.n)).toEqual([1, 2]);
    const [shared] = await rows<{ n: number }>(db, sql`
      select count(*)::int as n from (select guardian_id from student_guardians where school_id = ${general}
      group by guardian_id having count(*) = 2) x`);
    expect(shared!.n).toBeGreaterThan(10);
  });

  it('splits every class of grades 2–11 into two foreign-language subgroups holding each pupil once', async () => {
    const split = await rows<{ grade: number; subgroups: number; members: number; pupils: number }>(db, sql`
      select c.grade, count(distinct g.id)::int as subgroups, count(m.id)::int as members,
             (select count(*)::int from enrolments e where e.school_id = c.school_id and e.class_id = c.id) as pupils
      from classes c
      join teaching_groups g on g.school_id = c.school_id and g.class_id = c.id and g.kind = 'subgroup'
      join assignments a on a.school_id = g.school_id and a.group_id = g.id
      join subjects sub on sub.school_id = a.school_id and sub.id = a.subject_id and sub.name like 'Иностранный язык%'
      join group_members m on m.school_id = g.school_id and m.group_id = g.id
      where c.school_id = ${general} group by c.school_id, c.id`);
    const [classes] = await rows<{ n: number }>(db, sql`select count(*)::int as n from classes where school_id = ${general} and grade >= 2`);
    expect(split.length).toBe(classes!.n);
    for (const s of split) expect([s.subgroups, s.members]).toEqual([2, s.pupils]);
  });

  it('assigns a teacher to every curriculum subject of every class, directly or through its subgroups', async () => {
    const missing = await rows(db, sql`
      select c.grade, c.letter, ch.subject_id from classes c
      join curriculum_hours ch on ch.school_id = c.school_id and ch.grade = c.grade
      where c.school_id = ${general} and not exists (
        select 1 from assignments a join teaching_groups g on g.school_id = a.school_id and g.id = a.group_id
        where a.school_id = c.school_id and g.class_id = c.id and a.subject_id = ch.subject_id and a.hours_per_week = ch.hours_per_week)`);
    expect(missing).toEqual([]);
  });

  it('has extracurricular groups with members from several classes', async () => {
    const groups = await rows<{ classes: number }>(db, sql`
      select count(distinct e.class_id)::int as classes from teaching_groups g
      join group_members m on m.school_id = g.school_id and m.group_id = g.id
      join enrolments e on e.school_id = m.school_id and e.student_id = m.student_id
      where g.school_id = ${general} and g.kind in ('extracurricular', 'additional') group by g.id`);
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) expect(g.classes).toBeGreaterThan(1);
  });

  it('gives the college modules with their МДК, coded disciplines, curators and masters', async () => {
    const kinds = await rows<{ kind: string; n: number; coded: number }>(db, sql`
      select kind, count(*)::int as n, count(*) filter (where code <> '')::int as coded from subjects
      where school_id = ${college} group by kind order by kind`);
    expect(kinds.map((k) => k.kind)).toEqual(['discipline', 'interdisciplinaryCourse', 'module']);
    for (const k of kinds) expect(k.coded).toBe(k.n);
    const orphans = await rows(db, sql`
      select m.id from subjects m where m.school_id = ${college} and m.kind = 'module'
      and not exists (select 1 from subjects c where c.school_id = m.school_id and c.parent_id = m.id and c.kind = 'interdisciplinaryCourse')`);
    expect(orphans).toEqual([]);
    const [groups] = await rows<{ n: number; named: number; mastered: number }>(db, sql`
      select count(*)::int as n, count(*) filter (where letter ~ '^[А-Я]{2}-[1-4][1-9]$' and left(right(letter, 2), 1)::int = grade)::int as named,
             count(master_id)::int as mastered from classes where school_id = ${college}`);
    expect(groups!.named).toBe(groups!.n);
    expect(groups!.mastered).toBeGreaterThan(0);
    const [taught] = await rows<{ n: number }>(db, sql`
      select count(*)::int as n from curriculum_hours ch where ch.school_id = ${college} and not exists (
        select 1 from assignments a join teaching_groups g on g.school_id = a.school_id and g.id = a.group_id
        join classes c on c.school_id = g.school_id and c.id = g.class_id
        where a.school_id = ch.school_id and a.subject_id = ch.subject_id and c.grade = ch.grade)`);
    expect(taught!.n).toBe(0);
  });

  it('creates every demo login with its role, tied to the right person', async () => {
    const found = await rows<{ login: string; role: string; kind: string; person: string | null }>(db, sql`
      select u.login, r.role, s.kind, coalesce(st.position, case when p.id is not null then 'pupil' end, case when g.id is not null then 'guardian' end) as person
      from users u join user_roles r on r.user_id = u.id join schools s on s.id = r.school_id
      left join staff st on st.school_id = r.school_id and st.id = r.person_id
      left join students p on p.school_id = r.school_id and p.id = r.person_id
      left join guardians g on g.school_id = r.school_id and g.id = r.person_id
      order by u.login`);
    expect(found).toEqual(DEMO_LOGINS.map((d) => ({
      login: d.login, role: d.role, kind: d.school,
      person: { admin: 'admin', director: 'director', deputy: 'deputy', teacher: 'teacher', student: 'pupil', guardian: 'guardian' }[d.role],
    })).sort((a, b) => a.login.localeCompare(b.login)));
    const [links] = await rows<{ klass: number; parent: number; curator: number }>(db, sql`
      select (select count(*)::int from classes c join user_roles r on r.person_id = c.class_teacher_id join users u on u.id = r.user_id
              where u.login = 'klass' and c.school_id = ${general}) as klass,
             (select count(*)::int from student_guardians sg
              join user_roles rs on rs.person_id = sg.student_id join users us on us.id = rs.user_id and us.login = 'student'
              join user_roles rg on rg.person_id = sg.guardian_id join users ug on ug.id = rg.user_id and ug.login = 'parent') as parent,
             (select count(*)::int from classes c join user_roles r on r.person_id = c.class_teacher_id join users u on u.id = r.user_id
              where u.login = 'curator' and c.school_id = ${college}) as curator`);
    expect(links).toEqual({ klass: 1, parent: 1, curator: 1 });
  });

  it('builds the same rows, ids included, from the same seed and different ones from another seed', async () => {
    const again = await createTestDatabase();
    const other = await createTestDatabase();
    try {
      await generateDistrict(again.db, { schools: 2, seed: 1 });
      // A short journal keeps the other seed quick; it differs all the same.
      await generateDistrict(other.db, { schools: 2, seed: 2, today: '2026-09-10' });
      const first = await digest(db);
      expect(await digest(again.db)).toEqual(first);
      const different = await digest(other.db);
      for (const table of ['schools', 'students', 'guardians', 'assignments', 'users', 'lessons', 'marks']) expect(different[table]).not.toBe(first[table]);
    } finally {
      await again.close();
      await other.close();
    }
  }, 180_000);
});
