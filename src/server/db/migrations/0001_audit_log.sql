-- The audit log (seed 003, 1.4: records in the e-journal count as the paper journal).
-- Every change to a school's records is captured here by triggers, so no write can escape it;
-- the request's actor reaches the trigger through transaction-local settings set by db/client.ts:
--   klassny.actor_user_id, klassny.actor_roles (JSON {schoolId: "role,role", "*": platform roles}),
--   klassny.address, klassny.reason, klassny.audit_mode ('bulk': one summary entry per statement).
-- To audit a new table (it needs a primary key that includes school_id, and a school_id column):
--   SELECT klassny_audit_attach('table_name');

-- The hash of one entry over the previous one. `at` is written in UTC with microseconds so the
-- text does not depend on the session's time zone; the other fields go through a jsonb array,
-- which has one text form (before/after appear as their jsonb::text) and keeps null apart from ''.
CREATE FUNCTION klassny_audit_hash(
  prev_hash text, seq bigint, school_id uuid, id uuid, at timestamptz, actor_user_id uuid, actor_roles text,
  address text, entity text, entity_id text, operation text, before jsonb, after jsonb, reason text
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    prev_hash || '|' || seq::text || '|' || jsonb_build_array(
      school_id, id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_user_id, actor_roles,
      address, entity, entity_id, operation, before, after, reason
    )::text,
    'UTF8')), 'hex')
$$;
--> statement-breakpoint

-- The statement-level capture: one entry per changed row (or per statement in bulk mode), chained
-- per school. TG_ARGV holds the table's key columns other than school_id (see klassny_audit_attach).
-- TimeZone is fixed to UTC while it runs, so timestamps inside before/after read the same on revert.
CREATE FUNCTION klassny_audit_capture() RETURNS trigger LANGUAGE plpgsql SET "TimeZone" = 'UTC' AS $$
DECLARE
  v_actor uuid := nullif(current_setting('klassny.actor_user_id', true), '')::uuid;
  v_roles jsonb := coalesce(nullif(current_setting('klassny.actor_roles', true), ''), '{}')::jsonb;
  v_address text := nullif(current_setting('klassny.address', true), '');
  v_reason text := nullif(current_setting('klassny.reason', true), '');
  v_bulk boolean := coalesce(current_setting('klassny.audit_mode', true), '') = 'bulk';
  v_at timestamptz := now();
  v_op text := lower(TG_OP);
  v_key text := '(select string_agg(r->>k, ''/'' order by i) from unnest($1::text[]) with ordinality u(k, i))';
  v_query text;
  v_school uuid;
  v_seq bigint;
  v_hash text;
  v_id uuid;
  v_role text;
  rec record;
  a_seq bigint[] := '{}';
  a_id uuid[] := '{}';
  a_entity_id text[] := '{}';
  a_operation text[] := '{}';
  a_before jsonb[] := '{}';
  a_after jsonb[] := '{}';
  a_prev text[] := '{}';
  a_hash text[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_query := format('select null::jsonb as before, r as after, %s as entity_id from (select to_jsonb(x) as r from new_rows x) s', v_key);
  ELSIF TG_OP = 'DELETE' THEN
    v_query := format('select r as before, null::jsonb as after, %s as entity_id from (select to_jsonb(x) as r from old_rows x) s', v_key);
  ELSE
    v_query := format(
      'select o.r as before, n.r as after, coalesce(n.k, o.k) as entity_id from '
      '(select r, %1$s as k from (select to_jsonb(x) as r from old_rows x) s) o full join '
      '(select r, %1$s as k from (select to_jsonb(x) as r from new_rows x) s) n '
      'on n.k = o.k and n.r->''school_id'' = o.r->''school_id'' where o.r is distinct from n.r', v_key);
  END IF;
  IF v_bulk THEN
    v_query := format(
      'select null::jsonb as before, jsonb_build_object(''operation'', %L, ''rows'', count(*)) as after, null::text as entity_id, '
      'school_id from (select (coalesce(after, before)->>''school_id'')::uuid as school_id from (%s) c) t group by school_id order by school_id',
      v_op, v_query);
    v_op := 'bulk';
  ELSE
    v_query := format('select c.*, (coalesce(after, before)->>''school_id'')::uuid as school_id from (%s) c order by school_id, entity_id', v_query);
  END IF;

  FOR rec IN EXECUTE v_query USING TG_ARGV LOOP
    IF v_school IS DISTINCT FROM rec.school_id THEN
      IF v_school IS NOT NULL THEN
        PERFORM klassny_audit_flush(v_school, v_at, v_actor, v_role, v_address, TG_TABLE_NAME, v_reason,
          a_seq, a_id, a_entity_id, a_operation, a_before, a_after, a_prev, a_hash);
        a_seq := '{}'; a_id := '{}'; a_entity_id := '{}'; a_operation := '{}';
        a_before := '{}'; a_after := '{}'; a_prev := '{}'; a_hash := '{}';
      END IF;
      v_school := rec.school_id;
      v_role := coalesce(v_roles->>v_school::text, v_roles->>'*');
      SELECT last_seq, last_hash INTO v_seq, v_hash FROM audit_chain_heads WHERE school_id = v_school FOR UPDATE;
      IF NOT FOUND THEN
        -- The school's first entry: the genesis link is 64 zeros.
        INSERT INTO audit_chain_heads (school_id, last_seq, last_hash) VALUES (v_school, 0, repeat('0', 64))
          ON CONFLICT (school_id) DO NOTHING;
        SELECT last_seq, last_hash INTO v_seq, v_hash FROM audit_chain_heads WHERE school_id = v_school FOR UPDATE;
      END IF;
    END IF;
    v_seq := v_seq + 1;
    v_id := gen_random_uuid();
    a_prev := array_append(a_prev, v_hash);
    v_hash := klassny_audit_hash(v_hash, v_seq, v_school, v_id, v_at, v_actor, v_role, v_address,
      TG_TABLE_NAME, rec.entity_id, v_op, rec.before, rec.after, v_reason);
    a_seq := array_append(a_seq, v_seq);
    a_id := array_append(a_id, v_id);
    a_entity_id := array_append(a_entity_id, rec.entity_id);
    a_operation := array_append(a_operation, v_op);
    a_before := array_append(a_before, rec.before);
    a_after := array_append(a_after, rec.after);
    a_hash := array_append(a_hash, v_hash);
  END LOOP;
  IF v_school IS NOT NULL THEN
    PERFORM klassny_audit_flush(v_school, v_at, v_actor, v_role, v_address, TG_TABLE_NAME, v_reason,
      a_seq, a_id, a_entity_id, a_operation, a_before, a_after, a_prev, a_hash);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Writes one school's entries of a statement in one insert and moves its chain head.
CREATE FUNCTION klassny_audit_flush(
  p_school uuid, p_at timestamptz, p_actor uuid, p_roles text, p_address text, p_entity text, p_reason text,
  a_seq bigint[], a_id uuid[], a_entity_id text[], a_operation text[], a_before jsonb[], a_after jsonb[],
  a_prev text[], a_hash text[]
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_entries (school_id, seq, id, at, actor_user_id, actor_roles, address, entity, entity_id,
    operation, before, after, reason, prev_hash, hash)
  SELECT p_school, u.seq, u.id, p_at, p_actor, p_roles, p_address, p_entity, u.entity_id, u.operation,
    u.before, u.after, p_reason, u.prev, u.hash
  FROM unnest(a_seq, a_id, a_entity_id, a_operation, a_before, a_after, a_prev, a_hash)
    AS u(seq, id, entity_id, operation, before, after, prev, hash);
  UPDATE audit_chain_heads SET last_seq = a_seq[array_upper(a_seq, 1)], last_hash = a_hash[array_upper(a_hash, 1)]
  WHERE school_id = p_school;
END;
$$;
--> statement-breakpoint

-- Puts a table under audit: three statement triggers (PostgreSQL allows transition tables only on
-- single-event triggers), told the table's key columns once, here.
CREATE FUNCTION klassny_audit_attach(p_table regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_keys text[];
  v_args text;
BEGIN
  SELECT array_agg(a.attname::text ORDER BY k.ord) INTO v_keys
  FROM pg_index i
  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = p_table AND i.indisprimary AND a.attname <> 'school_id';
  IF v_keys IS NULL THEN
    RAISE EXCEPTION 'klassny_audit_attach: % has no primary key besides school_id', p_table;
  END IF;
  v_args := (SELECT string_agg(quote_literal(k), ', ') FROM unnest(v_keys) AS k);
  EXECUTE format('DROP TRIGGER IF EXISTS klassny_audit_insert ON %s', p_table);
  EXECUTE format('DROP TRIGGER IF EXISTS klassny_audit_update ON %s', p_table);
  EXECUTE format('DROP TRIGGER IF EXISTS klassny_audit_delete ON %s', p_table);
  EXECUTE format('DROP TRIGGER IF EXISTS klassny_audit_truncate ON %s', p_table);
  EXECUTE format('CREATE TRIGGER klassny_audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION klassny_audit_capture(%s)', p_table, v_args);
  EXECUTE format('CREATE TRIGGER klassny_audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION klassny_audit_capture(%s)', p_table, v_args);
  EXECUTE format('CREATE TRIGGER klassny_audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
    'FOR EACH STATEMENT EXECUTE FUNCTION klassny_audit_capture(%s)', p_table, v_args);
  -- TRUNCATE fires no row triggers: it would empty a table past the log.
  EXECUTE format('CREATE TRIGGER klassny_audit_truncate BEFORE TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION klassny_audit_refuse()', p_table);
END;
$$;
--> statement-breakpoint

CREATE FUNCTION klassny_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'klassny: % on % is refused: the audit log is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION klassny_audit_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION klassny_audit_refuse();
--> statement-breakpoint

-- Undoes one logged change (a compromised login's, seed 003, 4.4) by replaying the entry's own
-- before/after: an insert is deleted, an update written back, a delete re-inserted. Only when the
-- row still is what the entry left behind; the undo is itself captured by the triggers.
-- Returns {"outcome": "reverted" | "changed" | "exists" | "in_use" | "unsupported" | "missing", "revertSeq": n}.
CREATE FUNCTION klassny_audit_revert(p_school uuid, p_seq bigint) RETURNS jsonb LANGUAGE plpgsql SET "TimeZone" = 'UTC' AS $$
DECLARE
  e audit_entries%ROWTYPE;
  v_last bigint;
  v_keys text;
  v_cols text;
  v_match text;
  v_count bigint;
BEGIN
  SELECT * INTO e FROM audit_entries WHERE school_id = p_school AND seq = p_seq;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'missing'); END IF;
  IF e.operation NOT IN ('insert', 'update', 'delete') THEN RETURN jsonb_build_object('outcome', 'unsupported'); END IF;
  -- Held to the end of the transaction: the revert's own entry is the next one.
  SELECT last_seq INTO v_last FROM audit_chain_heads WHERE school_id = p_school FOR UPDATE;
  SELECT string_agg(format('%I', a.attname), ', ' ORDER BY k.ord) INTO v_keys
  FROM pg_index i
  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = format('%I', e.entity)::regclass AND i.indisprimary;
  SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO v_cols
  FROM pg_attribute a
  WHERE a.attrelid = format('%I', e.entity)::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
  v_match := format('(%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1)) AND to_jsonb(t) = $1', v_keys, v_keys, e.entity);
  BEGIN
    IF e.operation = 'insert' THEN
      EXECUTE format('DELETE FROM %I AS t WHERE %s', e.entity, v_match) USING e.after;
    ELSIF e.operation = 'update' THEN
      EXECUTE format('UPDATE %I AS t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $2)) WHERE %s',
        e.entity, v_cols, v_cols, e.entity, v_match) USING e.after, e.before;
    ELSE
      EXECUTE format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, $1)', e.entity, e.entity) USING e.before;
    END IF;
    GET DIAGNOSTICS v_count = ROW_COUNT;
  EXCEPTION
    WHEN unique_violation THEN RETURN jsonb_build_object('outcome', 'exists');
    WHEN foreign_key_violation THEN RETURN jsonb_build_object('outcome', 'in_use');
  END;
  IF v_count = 0 THEN RETURN jsonb_build_object('outcome', 'changed'); END IF;
  RETURN jsonb_build_object('outcome', 'reverted', 'revertSeq', v_last + 1);
END;
$$;
--> statement-breakpoint

SELECT klassny_audit_attach(t::regclass) FROM unnest(ARRAY[
  'academic_years', 'periods', 'holidays', 'bell_schedules', 'bells', 'subjects', 'rooms', 'staff', 'students',
  'guardians', 'student_guardians', 'classes', 'enrolments', 'teaching_groups', 'group_members', 'assignments',
  'curriculum_hours', 'user_roles'
]) AS t;

--> statement-breakpoint

-- The timetable, the thematic plans and the lessons are part of the journal (seed 003, 1.4).
SELECT klassny_audit_attach(t::regclass) FROM unnest(ARRAY['timetable_slots', 'planned_topics', 'lessons']) AS t;

--> statement-breakpoint

-- The grading policy, period and year marks, and every close and reopen of a period are part of
-- the journal as a legal record (seed 003, 1.4; issue 5: «every close and reopen is audited»).
SELECT klassny_audit_attach(t::regclass) FROM unnest(ARRAY['grading_policies', 'period_marks', 'period_closures', 'period_reopenings']) AS t;

--> statement-breakpoint

-- Homework, its chosen students and its files are part of the journal as a legal record (seed 003, 1.4).
SELECT klassny_audit_attach(t::regclass) FROM unnest(ARRAY['homework', 'homework_students', 'attachments']) AS t;

--> statement-breakpoint

-- Work types, marks with every version, and attendance are the journal as a legal record (seed 003, 1.4):
-- every change, with its actor, address and reason, goes to the hash-chained audit log.
SELECT klassny_audit_attach(t::regclass) FROM unnest(ARRAY['work_types', 'marks', 'mark_versions', 'attendance']) AS t;
