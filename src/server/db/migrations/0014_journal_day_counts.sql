CREATE TABLE "journal_day_counts" (
	"school_id" uuid NOT NULL,
	"date" date NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"given" integer DEFAULT 0 NOT NULL,
	"with_topic" integer DEFAULT 0 NOT NULL,
	"with_marks" integer DEFAULT 0 NOT NULL,
	"with_attendance" integer DEFAULT 0 NOT NULL,
	"with_homework" integer DEFAULT 0 NOT NULL,
	"absent" integer DEFAULT 0 NOT NULL,
	"ill" integer DEFAULT 0 NOT NULL,
	"excused" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "journal_day_counts_school_id_date_group_id_subject_id_staff_id_pk" PRIMARY KEY("school_id","date","group_id","subject_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "journal_lesson_counts" (
	"school_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"marks" integer DEFAULT 0 NOT NULL,
	"attendance" integer DEFAULT 0 NOT NULL,
	"takings" integer DEFAULT 0 NOT NULL,
	"homework" integer DEFAULT 0 NOT NULL,
	"absent" integer DEFAULT 0 NOT NULL,
	"ill" integer DEFAULT 0 NOT NULL,
	"excused" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "journal_lesson_counts_school_id_lesson_id_pk" PRIMARY KEY("school_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "journal_mark_days" (
	"school_id" uuid NOT NULL,
	"date" date NOT NULL,
	"student_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"marks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "journal_mark_days_school_id_date_student_id_subject_id_pk" PRIMARY KEY("school_id","date","student_id","subject_id")
);
--> statement-breakpoint
ALTER TABLE "journal_day_counts" ADD CONSTRAINT "journal_day_counts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lesson_counts" ADD CONSTRAINT "journal_lesson_counts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_mark_days" ADD CONSTRAINT "journal_mark_days_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint

-- The counts follow every write of the journal in the write's own transaction, whoever writes
-- (the API, an audit revert, the demo): statement triggers over the transition tables, one
-- INSERT … ON CONFLICT DO UPDATE of increments per statement. A restore loads the tables as they
-- were saved (session_replication_role = replica: these triggers do not fire then).

-- Applies per-lesson increments (one entry per lesson) to journal_lesson_counts, and to
-- journal_day_counts the lessons given whose having marks / attendance / homework flipped, and the
-- codes. The lessons are locked FOR SHARE first: a concurrent change of a lesson (cancelled,
-- moved, another teacher) waits for this transaction, or this one reads the lesson as it was committed.
CREATE FUNCTION klassny_counts_apply(
  p_school uuid[], p_lesson uuid[], p_marks int[], p_attendance int[], p_takings int[], p_homework int[],
  p_absent int[], p_ill int[], p_excused int[], p_late int[]
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_lesson IS NULL THEN RETURN; END IF;
  WITH d AS (
    SELECT * FROM unnest(p_school, p_lesson, p_marks, p_attendance, p_takings, p_homework, p_absent, p_ill, p_excused, p_late)
      AS d(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
  ),
  lk AS (
    SELECT l.school_id, l.id, l.date, l.group_id, l.subject_id, coalesce(l.substitute_staff_id, l.staff_id) AS staff_id,
      l.status <> 'cancelled' AS given
    FROM lessons l WHERE (l.school_id, l.id) IN (SELECT school_id, lesson_id FROM d)
    FOR SHARE OF l
  ),
  up AS (
    INSERT INTO journal_lesson_counts AS c (school_id, lesson_id, marks, attendance, takings, homework, absent, ill, excused, late)
    SELECT d.school_id, d.lesson_id, d.m, d.a, d.t, d.h, d.ab, d.il, d.ex, d.la
    FROM d JOIN lk ON lk.school_id = d.school_id AND lk.id = d.lesson_id
    ON CONFLICT (school_id, lesson_id) DO UPDATE SET
      marks = c.marks + excluded.marks, attendance = c.attendance + excluded.attendance, takings = c.takings + excluded.takings,
      homework = c.homework + excluded.homework, absent = c.absent + excluded.absent, ill = c.ill + excluded.ill,
      excused = c.excused + excluded.excused, late = c.late + excluded.late
    RETURNING c.school_id, c.lesson_id, c.marks, c.attendance, c.takings, c.homework
  )
  INSERT INTO journal_day_counts AS k (school_id, date, group_id, subject_id, staff_id,
    given, with_topic, with_marks, with_attendance, with_homework, absent, ill, excused, late)
  SELECT lk.school_id, lk.date, lk.group_id, lk.subject_id, lk.staff_id, 0, 0,
    sum((up.marks > 0)::int - (up.marks - d.m > 0)::int),
    sum((up.attendance + up.takings > 0)::int - (up.attendance - d.a + up.takings - d.t > 0)::int),
    sum((up.homework > 0)::int - (up.homework - d.h > 0)::int),
    sum(d.ab), sum(d.il), sum(d.ex), sum(d.la)
  FROM up JOIN d ON d.school_id = up.school_id AND d.lesson_id = up.lesson_id
    JOIN lk ON lk.school_id = up.school_id AND lk.id = up.lesson_id
  WHERE lk.given
  GROUP BY lk.school_id, lk.date, lk.group_id, lk.subject_id, lk.staff_id
  ON CONFLICT (school_id, date, group_id, subject_id, staff_id) DO UPDATE SET
    with_marks = k.with_marks + excluded.with_marks, with_attendance = k.with_attendance + excluded.with_attendance,
    with_homework = k.with_homework + excluded.with_homework, absent = k.absent + excluded.absent, ill = k.ill + excluded.ill,
    excused = k.excused + excluded.excused, late = k.late + excluded.late;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION klassny_counts_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 1, 0, 0, 0, 0, 0, 0, 0 FROM new_rows WHERE NOT deleted) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, -1, 0, 0, 0, 0, 0, 0, 0 FROM old_rows WHERE NOT deleted) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSE
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 1, 0, 0, 0, 0, 0, 0, 0 FROM new_rows WHERE NOT deleted UNION ALL SELECT school_id, lesson_id, -1, 0, 0, 0, 0, 0, 0, 0 FROM old_rows WHERE NOT deleted) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_counts_insert AFTER INSERT ON marks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_marks();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_update AFTER UPDATE ON marks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_marks();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_delete AFTER DELETE ON marks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_marks();
--> statement-breakpoint
CREATE FUNCTION klassny_counts_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 1, 0, 0, 1 * (code IS NOT DISTINCT FROM 'absent')::int, 1 * (code IS NOT DISTINCT FROM 'ill')::int, 1 * (code IS NOT DISTINCT FROM 'excused')::int, 1 * (code IS NOT DISTINCT FROM 'late')::int FROM new_rows) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, -1, 0, 0, -1 * (code IS NOT DISTINCT FROM 'absent')::int, -1 * (code IS NOT DISTINCT FROM 'ill')::int, -1 * (code IS NOT DISTINCT FROM 'excused')::int, -1 * (code IS NOT DISTINCT FROM 'late')::int FROM old_rows) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSE
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 1, 0, 0, 1 * (code IS NOT DISTINCT FROM 'absent')::int, 1 * (code IS NOT DISTINCT FROM 'ill')::int, 1 * (code IS NOT DISTINCT FROM 'excused')::int, 1 * (code IS NOT DISTINCT FROM 'late')::int FROM new_rows UNION ALL SELECT school_id, lesson_id, 0, -1, 0, 0, -1 * (code IS NOT DISTINCT FROM 'absent')::int, -1 * (code IS NOT DISTINCT FROM 'ill')::int, -1 * (code IS NOT DISTINCT FROM 'excused')::int, -1 * (code IS NOT DISTINCT FROM 'late')::int FROM old_rows) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_counts_insert AFTER INSERT ON attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_attendance();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_update AFTER UPDATE ON attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_attendance();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_delete AFTER DELETE ON attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_attendance();
--> statement-breakpoint
CREATE FUNCTION klassny_counts_takings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 0, 1, 0, 0, 0, 0, 0 FROM new_rows) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 0, -1, 0, 0, 0, 0, 0 FROM old_rows) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSE
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 0, 1, 0, 0, 0, 0, 0 FROM new_rows UNION ALL SELECT school_id, lesson_id, 0, 0, -1, 0, 0, 0, 0, 0 FROM old_rows) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_counts_insert AFTER INSERT ON attendance_takings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_takings();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_update AFTER UPDATE ON attendance_takings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_takings();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_delete AFTER DELETE ON attendance_takings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_takings();
--> statement-breakpoint
CREATE FUNCTION klassny_counts_homework() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 0, 0, 1, 0, 0, 0, 0 FROM new_rows WHERE NOT deleted) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 0, 0, -1, 0, 0, 0, 0 FROM old_rows WHERE NOT deleted) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  ELSE
    PERFORM klassny_counts_apply(array_agg(school_id), array_agg(lesson_id), array_agg(m), array_agg(a), array_agg(t), array_agg(h),
      array_agg(ab), array_agg(il), array_agg(ex), array_agg(la))
    FROM (
      SELECT school_id, lesson_id, sum(m)::int AS m, sum(a)::int AS a, sum(t)::int AS t, sum(h)::int AS h,
        sum(ab)::int AS ab, sum(il)::int AS il, sum(ex)::int AS ex, sum(la)::int AS la
      FROM (SELECT school_id, lesson_id, 0, 0, 0, 1, 0, 0, 0, 0 FROM new_rows WHERE NOT deleted UNION ALL SELECT school_id, lesson_id, 0, 0, 0, -1, 0, 0, 0, 0 FROM old_rows WHERE NOT deleted) AS r(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
      GROUP BY school_id, lesson_id
      HAVING sum(abs(m)) + sum(abs(a)) + sum(abs(t)) + sum(abs(h)) + sum(abs(ab)) + sum(abs(il)) + sum(abs(ex)) + sum(abs(la)) > 0
    ) AS d;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_counts_insert AFTER INSERT ON homework REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_homework();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_update AFTER UPDATE ON homework REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_homework();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_delete AFTER DELETE ON homework REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_homework();
--> statement-breakpoint
-- A lesson given (not cancelled) counts once on its day, group, subject and teacher, with its flags
-- and codes as journal_lesson_counts holds them; a change of any of these moves it.
CREATE FUNCTION klassny_counts_lessons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO journal_day_counts AS k (school_id, date, group_id, subject_id, staff_id,
      given, with_topic, with_marks, with_attendance, with_homework, absent, ill, excused, late)
    SELECT school_id, date, group_id, subject_id, staff_id, sum(g), sum(tp), sum(m), sum(a), sum(h), sum(ab), sum(il), sum(ex), sum(la)
    FROM (SELECT r.school_id, r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id),
        1, 1 * (btrim(r.topic) <> '')::int, 1 * (coalesce(c.marks, 0) > 0)::int,
        1 * (coalesce(c.attendance, 0) + coalesce(c.takings, 0) > 0)::int, 1 * (coalesce(c.homework, 0) > 0)::int,
        1 * coalesce(c.absent, 0), 1 * coalesce(c.ill, 0), 1 * coalesce(c.excused, 0), 1 * coalesce(c.late, 0)
      FROM new_rows r LEFT JOIN journal_lesson_counts c ON c.school_id = r.school_id AND c.lesson_id = r.id
      WHERE r.status <> 'cancelled') AS x(school_id, date, group_id, subject_id, staff_id, g, tp, m, a, h, ab, il, ex, la)
    GROUP BY school_id, date, group_id, subject_id, staff_id
    ON CONFLICT (school_id, date, group_id, subject_id, staff_id) DO UPDATE SET
      given = k.given + excluded.given, with_topic = k.with_topic + excluded.with_topic, with_marks = k.with_marks + excluded.with_marks,
      with_attendance = k.with_attendance + excluded.with_attendance, with_homework = k.with_homework + excluded.with_homework,
      absent = k.absent + excluded.absent, ill = k.ill + excluded.ill, excused = k.excused + excluded.excused, late = k.late + excluded.late;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO journal_day_counts AS k (school_id, date, group_id, subject_id, staff_id,
      given, with_topic, with_marks, with_attendance, with_homework, absent, ill, excused, late)
    SELECT school_id, date, group_id, subject_id, staff_id, sum(g), sum(tp), sum(m), sum(a), sum(h), sum(ab), sum(il), sum(ex), sum(la)
    FROM (SELECT r.school_id, r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id),
        -1, -1 * (btrim(r.topic) <> '')::int, -1 * (coalesce(c.marks, 0) > 0)::int,
        -1 * (coalesce(c.attendance, 0) + coalesce(c.takings, 0) > 0)::int, -1 * (coalesce(c.homework, 0) > 0)::int,
        -1 * coalesce(c.absent, 0), -1 * coalesce(c.ill, 0), -1 * coalesce(c.excused, 0), -1 * coalesce(c.late, 0)
      FROM old_rows r LEFT JOIN journal_lesson_counts c ON c.school_id = r.school_id AND c.lesson_id = r.id
      WHERE r.status <> 'cancelled') AS x(school_id, date, group_id, subject_id, staff_id, g, tp, m, a, h, ab, il, ex, la)
    GROUP BY school_id, date, group_id, subject_id, staff_id
    ON CONFLICT (school_id, date, group_id, subject_id, staff_id) DO UPDATE SET
      given = k.given + excluded.given, with_topic = k.with_topic + excluded.with_topic, with_marks = k.with_marks + excluded.with_marks,
      with_attendance = k.with_attendance + excluded.with_attendance, with_homework = k.with_homework + excluded.with_homework,
      absent = k.absent + excluded.absent, ill = k.ill + excluded.ill, excused = k.excused + excluded.excused, late = k.late + excluded.late;
    DELETE FROM journal_lesson_counts c USING old_rows r WHERE c.school_id = r.school_id AND c.lesson_id = r.id;
  ELSE
    INSERT INTO journal_day_counts AS k (school_id, date, group_id, subject_id, staff_id,
      given, with_topic, with_marks, with_attendance, with_homework, absent, ill, excused, late)
    SELECT school_id, date, group_id, subject_id, staff_id, sum(g), sum(tp), sum(m), sum(a), sum(h), sum(ab), sum(il), sum(ex), sum(la)
    FROM (SELECT r.school_id, r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id),
        1, 1 * (btrim(r.topic) <> '')::int, 1 * (coalesce(c.marks, 0) > 0)::int,
        1 * (coalesce(c.attendance, 0) + coalesce(c.takings, 0) > 0)::int, 1 * (coalesce(c.homework, 0) > 0)::int,
        1 * coalesce(c.absent, 0), 1 * coalesce(c.ill, 0), 1 * coalesce(c.excused, 0), 1 * coalesce(c.late, 0)
      FROM new_rows r LEFT JOIN journal_lesson_counts c ON c.school_id = r.school_id AND c.lesson_id = r.id
      WHERE r.status <> 'cancelled' AND EXISTS (SELECT 1 FROM old_rows o WHERE o.school_id = r.school_id AND o.id = r.id
        AND (o.date, o.group_id, o.subject_id, coalesce(o.substitute_staff_id, o.staff_id), o.status = 'cancelled', btrim(o.topic) <> '')
          IS DISTINCT FROM (r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id), r.status = 'cancelled', btrim(r.topic) <> '')) UNION ALL SELECT r.school_id, r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id),
        -1, -1 * (btrim(r.topic) <> '')::int, -1 * (coalesce(c.marks, 0) > 0)::int,
        -1 * (coalesce(c.attendance, 0) + coalesce(c.takings, 0) > 0)::int, -1 * (coalesce(c.homework, 0) > 0)::int,
        -1 * coalesce(c.absent, 0), -1 * coalesce(c.ill, 0), -1 * coalesce(c.excused, 0), -1 * coalesce(c.late, 0)
      FROM old_rows r LEFT JOIN journal_lesson_counts c ON c.school_id = r.school_id AND c.lesson_id = r.id
      WHERE r.status <> 'cancelled' AND EXISTS (SELECT 1 FROM new_rows o WHERE o.school_id = r.school_id AND o.id = r.id
        AND (o.date, o.group_id, o.subject_id, coalesce(o.substitute_staff_id, o.staff_id), o.status = 'cancelled', btrim(o.topic) <> '')
          IS DISTINCT FROM (r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id), r.status = 'cancelled', btrim(r.topic) <> ''))) AS x(school_id, date, group_id, subject_id, staff_id, g, tp, m, a, h, ab, il, ex, la)
    GROUP BY school_id, date, group_id, subject_id, staff_id
    ON CONFLICT (school_id, date, group_id, subject_id, staff_id) DO UPDATE SET
      given = k.given + excluded.given, with_topic = k.with_topic + excluded.with_topic, with_marks = k.with_marks + excluded.with_marks,
      with_attendance = k.with_attendance + excluded.with_attendance, with_homework = k.with_homework + excluded.with_homework,
      absent = k.absent + excluded.absent, ill = k.ill + excluded.ill, excused = k.excused + excluded.excused, late = k.late + excluded.late;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_counts_insert AFTER INSERT ON lessons REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_lessons();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_update AFTER UPDATE ON lessons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_lessons();
--> statement-breakpoint
CREATE TRIGGER klassny_counts_delete AFTER DELETE ON lessons REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_counts_lessons();
--> statement-breakpoint
-- The marks of each student per subject and day (journal_mark_days), cancelled lessons included.
CREATE FUNCTION klassny_mark_days_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH r AS (SELECT school_id, lesson_id, student_id, 1 AS n FROM new_rows WHERE NOT deleted),
    lk AS (
      SELECT l.school_id, l.id, l.date, l.subject_id FROM lessons l
      WHERE (l.school_id, l.id) IN (SELECT school_id, lesson_id FROM r) FOR SHARE OF l
    )
    INSERT INTO journal_mark_days AS k (school_id, date, student_id, subject_id, marks)
    SELECT lk.school_id, lk.date, r.student_id, lk.subject_id, sum(r.n)
    FROM r JOIN lk ON lk.school_id = r.school_id AND lk.id = r.lesson_id
    GROUP BY lk.school_id, lk.date, r.student_id, lk.subject_id HAVING sum(r.n) <> 0
    ON CONFLICT (school_id, date, student_id, subject_id) DO UPDATE SET marks = k.marks + excluded.marks;
  ELSIF TG_OP = 'DELETE' THEN
    WITH r AS (SELECT school_id, lesson_id, student_id, -1 AS n FROM old_rows WHERE NOT deleted),
    lk AS (
      SELECT l.school_id, l.id, l.date, l.subject_id FROM lessons l
      WHERE (l.school_id, l.id) IN (SELECT school_id, lesson_id FROM r) FOR SHARE OF l
    )
    INSERT INTO journal_mark_days AS k (school_id, date, student_id, subject_id, marks)
    SELECT lk.school_id, lk.date, r.student_id, lk.subject_id, sum(r.n)
    FROM r JOIN lk ON lk.school_id = r.school_id AND lk.id = r.lesson_id
    GROUP BY lk.school_id, lk.date, r.student_id, lk.subject_id HAVING sum(r.n) <> 0
    ON CONFLICT (school_id, date, student_id, subject_id) DO UPDATE SET marks = k.marks + excluded.marks;
  ELSE
    WITH r AS (SELECT school_id, lesson_id, student_id, 1 AS n FROM new_rows WHERE NOT deleted UNION ALL SELECT school_id, lesson_id, student_id, -1 AS n FROM old_rows WHERE NOT deleted),
    lk AS (
      SELECT l.school_id, l.id, l.date, l.subject_id FROM lessons l
      WHERE (l.school_id, l.id) IN (SELECT school_id, lesson_id FROM r) FOR SHARE OF l
    )
    INSERT INTO journal_mark_days AS k (school_id, date, student_id, subject_id, marks)
    SELECT lk.school_id, lk.date, r.student_id, lk.subject_id, sum(r.n)
    FROM r JOIN lk ON lk.school_id = r.school_id AND lk.id = r.lesson_id
    GROUP BY lk.school_id, lk.date, r.student_id, lk.subject_id HAVING sum(r.n) <> 0
    ON CONFLICT (school_id, date, student_id, subject_id) DO UPDATE SET marks = k.marks + excluded.marks;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_mark_days_insert AFTER INSERT ON marks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_mark_days_marks();
--> statement-breakpoint
CREATE TRIGGER klassny_mark_days_update AFTER UPDATE ON marks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_mark_days_marks();
--> statement-breakpoint
CREATE TRIGGER klassny_mark_days_delete AFTER DELETE ON marks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_mark_days_marks();
--> statement-breakpoint
-- A lesson moved to another day or subject takes its marks' days along (a lesson with marks is never deleted).
CREATE FUNCTION klassny_mark_days_lessons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT n.school_id, n.id, o.date AS old_date, o.subject_id AS old_subject, n.date, n.subject_id
    FROM new_rows n JOIN old_rows o ON o.school_id = n.school_id AND o.id = n.id
    WHERE (o.date, o.subject_id) IS DISTINCT FROM (n.date, n.subject_id)
  ),
  per_student AS (
    SELECT mv.school_id, mv.old_date, mv.old_subject, mv.date, mv.subject_id, m.student_id, count(*)::int AS n
    FROM moved mv JOIN marks m ON m.school_id = mv.school_id AND m.lesson_id = mv.id AND NOT m.deleted
    GROUP BY 1, 2, 3, 4, 5, 6
  )
  INSERT INTO journal_mark_days AS k (school_id, date, student_id, subject_id, marks)
  SELECT school_id, date, student_id, subject_id, sum(n) FROM (
    SELECT school_id, date, student_id, subject_id, n FROM per_student
    UNION ALL
    SELECT school_id, old_date, student_id, old_subject, -n FROM per_student
  ) x
  GROUP BY school_id, date, student_id, subject_id HAVING sum(n) <> 0
  ON CONFLICT (school_id, date, student_id, subject_id) DO UPDATE SET marks = k.marks + excluded.marks;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_mark_days_update AFTER UPDATE ON lessons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION klassny_mark_days_lessons();
--> statement-breakpoint
-- The journal written before this migration (or restored from a copy made before it).
INSERT INTO journal_lesson_counts (school_id, lesson_id, marks, attendance, takings, homework, absent, ill, excused, late)
SELECT school_id, lesson_id, sum(m), sum(a), sum(t), sum(h), sum(ab), sum(il), sum(ex), sum(la)
FROM (
  SELECT school_id, lesson_id, 1, 0, 0, 0, 0, 0, 0, 0 FROM marks WHERE NOT deleted
  UNION ALL
  SELECT school_id, lesson_id, 0, 1, 0, 0, 1 * (code IS NOT DISTINCT FROM 'absent')::int, 1 * (code IS NOT DISTINCT FROM 'ill')::int, 1 * (code IS NOT DISTINCT FROM 'excused')::int, 1 * (code IS NOT DISTINCT FROM 'late')::int FROM attendance
  UNION ALL
  SELECT school_id, lesson_id, 0, 0, 1, 0, 0, 0, 0, 0 FROM attendance_takings
  UNION ALL
  SELECT school_id, lesson_id, 0, 0, 0, 1, 0, 0, 0, 0 FROM homework WHERE NOT deleted
) AS x(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
GROUP BY school_id, lesson_id;
--> statement-breakpoint
INSERT INTO journal_day_counts AS k (school_id, date, group_id, subject_id, staff_id,
      given, with_topic, with_marks, with_attendance, with_homework, absent, ill, excused, late)
    SELECT school_id, date, group_id, subject_id, staff_id, sum(g), sum(tp), sum(m), sum(a), sum(h), sum(ab), sum(il), sum(ex), sum(la)
    FROM (SELECT r.school_id, r.date, r.group_id, r.subject_id, coalesce(r.substitute_staff_id, r.staff_id),
        1, 1 * (btrim(r.topic) <> '')::int, 1 * (coalesce(c.marks, 0) > 0)::int,
        1 * (coalesce(c.attendance, 0) + coalesce(c.takings, 0) > 0)::int, 1 * (coalesce(c.homework, 0) > 0)::int,
        1 * coalesce(c.absent, 0), 1 * coalesce(c.ill, 0), 1 * coalesce(c.excused, 0), 1 * coalesce(c.late, 0)
      FROM lessons r LEFT JOIN journal_lesson_counts c ON c.school_id = r.school_id AND c.lesson_id = r.id
      WHERE r.status <> 'cancelled') AS x(school_id, date, group_id, subject_id, staff_id, g, tp, m, a, h, ab, il, ex, la)
    GROUP BY school_id, date, group_id, subject_id, staff_id
    ON CONFLICT (school_id, date, group_id, subject_id, staff_id) DO UPDATE SET
      given = k.given + excluded.given, with_topic = k.with_topic + excluded.with_topic, with_marks = k.with_marks + excluded.with_marks,
      with_attendance = k.with_attendance + excluded.with_attendance, with_homework = k.with_homework + excluded.with_homework,
      absent = k.absent + excluded.absent, ill = k.ill + excluded.ill, excused = k.excused + excluded.excused, late = k.late + excluded.late;
--> statement-breakpoint
INSERT INTO journal_mark_days (school_id, date, student_id, subject_id, marks)
SELECT l.school_id, l.date, m.student_id, l.subject_id, count(*)
FROM marks m JOIN lessons l ON l.school_id = m.school_id AND l.id = m.lesson_id
WHERE NOT m.deleted
GROUP BY l.school_id, l.date, m.student_id, l.subject_id;
