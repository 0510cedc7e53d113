CREATE TABLE "diary_versions" (
	"school_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "diary_versions_school_id_scope_id_pk" PRIMARY KEY("school_id","scope_id")
);
--> statement-breakpoint
ALTER TABLE "diary_versions" ADD CONSTRAINT "diary_versions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint

-- Hand-written (issue 16): the diary's week cache is keyed by these counters instead of the
-- school's audit chain head, so a mark saved in one class no longer empties every cached week of
-- the school. Triggers bump them in the transaction of every write whose rows a diary week shows
-- (modules/diary/weekQueries.ts, roster/groupStays.ts, audit/compromiseJournal.ts): no write path
-- can forget, the audit revert and the compromise voiding included.
--   per student: marks, attendance, enrolments, group memberships, individual homework;
--   per teaching group: lessons (topic, status, moves, substitutes, times), homework and its files;
--   per school (rare, structural): names of subjects, teachers and work types, groups' classes,
--   bells, reviews after a compromised login, a student removed.

-- Adds one to each (school, scope) counter, creating it at 1; in key order, so that two writes
-- never lock the same counters in opposite orders.
CREATE FUNCTION klassny_diary_bump(p_schools uuid[], p_scopes uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO diary_versions AS v (school_id, scope_id, version)
  SELECT DISTINCT u.school_id, u.scope_id, 1 FROM unnest(p_schools, p_scopes) AS u(school_id, scope_id)
  WHERE u.school_id IS NOT NULL AND u.scope_id IS NOT NULL
  ORDER BY 1, 2
  ON CONFLICT (school_id, scope_id) DO UPDATE SET version = v.version + 1
$$;
--> statement-breakpoint

-- Rows with a student_id: the students' counters.
CREATE FUNCTION klassny_diary_touch_students() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a_school uuid[];
  a_scope uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(school_id), array_agg(student_id) INTO a_school, a_scope FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(school_id), array_agg(student_id) INTO a_school, a_scope FROM old_rows;
  ELSE
    SELECT array_agg(school_id), array_agg(student_id) INTO a_school, a_scope
    FROM (SELECT school_id, student_id FROM new_rows UNION SELECT school_id, student_id FROM old_rows) k;
  END IF;
  PERFORM klassny_diary_bump(a_school, a_scope);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Lessons: their groups' counters (both groups when a lesson moves to another).
CREATE FUNCTION klassny_diary_touch_lessons() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a_school uuid[];
  a_scope uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(school_id), array_agg(group_id) INTO a_school, a_scope FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(school_id), array_agg(group_id) INTO a_school, a_scope FROM old_rows;
  ELSE
    SELECT array_agg(school_id), array_agg(group_id) INTO a_school, a_scope
    FROM (SELECT school_id, group_id FROM new_rows UNION SELECT school_id, group_id FROM old_rows) k;
  END IF;
  PERFORM klassny_diary_bump(a_school, a_scope);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Homework: the counters of the groups of the lessons it is set in and due in.
CREATE FUNCTION klassny_diary_touch_homework() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a_school uuid[];
  a_scope uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(l.school_id), array_agg(l.group_id) INTO a_school, a_scope
    FROM new_rows h JOIN lessons l ON l.school_id = h.school_id AND l.id = ANY (ARRAY[h.lesson_id, h.due_lesson_id]);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(l.school_id), array_agg(l.group_id) INTO a_school, a_scope
    FROM old_rows h JOIN lessons l ON l.school_id = h.school_id AND l.id = ANY (ARRAY[h.lesson_id, h.due_lesson_id]);
  ELSE
    SELECT array_agg(l.school_id), array_agg(l.group_id) INTO a_school, a_scope
    FROM (SELECT school_id, lesson_id, due_lesson_id FROM new_rows UNION SELECT school_id, lesson_id, due_lesson_id FROM old_rows) h
    JOIN lessons l ON l.school_id = h.school_id AND l.id = ANY (ARRAY[h.lesson_id, h.due_lesson_id]);
  END IF;
  PERFORM klassny_diary_bump(a_school, a_scope);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Files of homework: the counters of the groups the homework belongs to.
CREATE FUNCTION klassny_diary_touch_attachments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a_school uuid[];
  a_scope uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(l.school_id), array_agg(l.group_id) INTO a_school, a_scope
    FROM (SELECT DISTINCT school_id, homework_id FROM new_rows) f
    JOIN homework h ON h.school_id = f.school_id AND h.id = f.homework_id
    JOIN lessons l ON l.school_id = h.school_id AND l.id = ANY (ARRAY[h.lesson_id, h.due_lesson_id]);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(l.school_id), array_agg(l.group_id) INTO a_school, a_scope
    FROM (SELECT DISTINCT school_id, homework_id FROM old_rows) f
    JOIN homework h ON h.school_id = f.school_id AND h.id = f.homework_id
    JOIN lessons l ON l.school_id = h.school_id AND l.id = ANY (ARRAY[h.lesson_id, h.due_lesson_id]);
  ELSE
    SELECT array_agg(l.school_id), array_agg(l.group_id) INTO a_school, a_scope
    FROM (SELECT school_id, homework_id FROM new_rows UNION SELECT school_id, homework_id FROM old_rows) f
    JOIN homework h ON h.school_id = f.school_id AND h.id = f.homework_id
    JOIN lessons l ON l.school_id = h.school_id AND l.id = ANY (ARRAY[h.lesson_id, h.due_lesson_id]);
  END IF;
  PERFORM klassny_diary_bump(a_school, a_scope);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Structural rows: the school's own counter. With columns named (TG_ARGV), an update counts only
-- when one of them changed (a teacher's phone number is in no diary; the name is).
CREATE FUNCTION klassny_diary_touch_school() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a_school uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT school_id) INTO a_school FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT school_id) INTO a_school FROM old_rows;
  ELSIF TG_NARGS = 0 THEN
    SELECT array_agg(DISTINCT school_id) INTO a_school FROM (SELECT school_id FROM new_rows UNION SELECT school_id FROM old_rows) k;
  ELSE
    EXECUTE format(
      'SELECT array_agg(DISTINCT n.school_id) FROM new_rows n JOIN old_rows o ON o.school_id = n.school_id AND o.id = n.id '
      'WHERE ROW(%s) IS DISTINCT FROM ROW(%s)',
      (SELECT string_agg('o.' || quote_ident(c), ', ') FROM unnest(TG_ARGV) AS c),
      (SELECT string_agg('n.' || quote_ident(c), ', ') FROM unnest(TG_ARGV) AS c)) INTO a_school;
  END IF;
  PERFORM klassny_diary_bump(a_school, a_school);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- One statement trigger per event (PostgreSQL allows transition tables only on single-event
-- triggers), named after the audit's so that they fire after it: the audit has then already
-- locked the school's chain head, and the counters are never what two writes wait on in a cycle.
CREATE FUNCTION klassny_diary_attach(p_table regclass, p_touch text, p_events text[], p_columns text[] DEFAULT '{}') RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_args text := coalesce((SELECT string_agg(quote_literal(c), ', ') FROM unnest(p_columns) AS c), '');
BEGIN
  IF 'insert' = ANY (p_events) THEN
    EXECUTE format('CREATE TRIGGER klassny_diary_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION %I()', p_table, p_touch);
  END IF;
  IF 'update' = ANY (p_events) THEN
    EXECUTE format('CREATE TRIGGER klassny_diary_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION %I(%s)', p_table, p_touch, v_args);
  END IF;
  IF 'delete' = ANY (p_events) THEN
    EXECUTE format('CREATE TRIGGER klassny_diary_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION %I()', p_table, p_touch);
  END IF;
END;
$$;
--> statement-breakpoint

SELECT klassny_diary_attach(t::regclass, 'klassny_diary_touch_students', '{insert,update,delete}')
FROM unnest(ARRAY['marks', 'attendance', 'enrolments', 'group_members', 'homework_students']) AS t;
--> statement-breakpoint
SELECT klassny_diary_attach('lessons', 'klassny_diary_touch_lessons', '{insert,update,delete}');
--> statement-breakpoint
SELECT klassny_diary_attach('homework', 'klassny_diary_touch_homework', '{insert,update,delete}');
--> statement-breakpoint
SELECT klassny_diary_attach('attachments', 'klassny_diary_touch_attachments', '{insert,update,delete}');
--> statement-breakpoint
SELECT klassny_diary_attach('subjects', 'klassny_diary_touch_school', '{update}', '{name}');
--> statement-breakpoint
SELECT klassny_diary_attach('staff', 'klassny_diary_touch_school', '{update}', '{last_name,first_name,middle_name}');
--> statement-breakpoint
SELECT klassny_diary_attach('work_types', 'klassny_diary_touch_school', '{update}', '{name,is_written,is_control}');
--> statement-breakpoint
SELECT klassny_diary_attach('teaching_groups', 'klassny_diary_touch_school', '{insert,update,delete}', '{academic_year_id,kind,class_id}');
--> statement-breakpoint
SELECT klassny_diary_attach(t::regclass, 'klassny_diary_touch_school', '{insert,update,delete}')
FROM unnest(ARRAY['bell_schedules', 'bells', 'audit_reviews']) AS t;
--> statement-breakpoint
SELECT klassny_diary_attach('students', 'klassny_diary_touch_school', '{delete}');
--> statement-breakpoint

-- An existing database: a counter for every school, group and student (a missing one reads as 0
-- and is made at its first bump, so this only spares the first writes an insert).
INSERT INTO diary_versions (school_id, scope_id, version)
SELECT id, id, 1 FROM schools
UNION ALL SELECT school_id, id, 1 FROM teaching_groups
UNION ALL SELECT school_id, id, 1 FROM students;
