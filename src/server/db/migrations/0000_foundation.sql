CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_region_id_name_unique" UNIQUE("region_id","name")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" text NOT NULL,
	"time_zone" text DEFAULT 'Europe/Moscow' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"inn" text,
	"require_admin_totp" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_municipality_id_name_unique" UNIQUE("municipality_id","name"),
	CONSTRAINT "schools_kind_check" CHECK (kind in ('general', 'college'))
);
--> statement-breakpoint
CREATE TABLE "academic_years" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'planning' NOT NULL,
	"week_days" smallint DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "academic_years_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "academic_years_school_id_name_unique" UNIQUE("school_id","name"),
	CONSTRAINT "academic_years_status_check" CHECK (status in ('planning', 'open', 'closed', 'archived')),
	CONSTRAINT "academic_years_dates_check" CHECK (starts_on < ends_on),
	CONSTRAINT "academic_years_week_days_check" CHECK (week_days in (5, 6))
);
--> statement-breakpoint
CREATE TABLE "bell_schedules" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bell_schedules_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "bell_schedules_school_id_academic_year_id_name_unique" UNIQUE("school_id","academic_year_id","name")
);
--> statement-breakpoint
CREATE TABLE "bells" (
	"school_id" uuid NOT NULL,
	"bell_schedule_id" uuid NOT NULL,
	"lesson_number" smallint NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	CONSTRAINT "bells_school_id_bell_schedule_id_lesson_number_pk" PRIMARY KEY("school_id","bell_schedule_id","lesson_number"),
	CONSTRAINT "bells_times_check" CHECK (starts_at < ends_at),
	CONSTRAINT "bells_number_check" CHECK (lesson_number between 0 and 15)
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"grade_from" smallint,
	"grade_to" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holidays_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "holidays_kind_check" CHECK (kind in ('vacation', 'holiday')),
	CONSTRAINT "holidays_dates_check" CHECK (starts_on <= ends_on)
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"grade_from" smallint NOT NULL,
	"grade_to" smallint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "periods_school_id_academic_year_id_grade_from_name_unique" UNIQUE("school_id","academic_year_id","grade_from","name"),
	CONSTRAINT "periods_kind_check" CHECK (kind in ('quarter', 'trimester', 'half', 'semester')),
	CONSTRAINT "periods_dates_check" CHECK (starts_on <= ends_on),
	CONSTRAINT "periods_grades_check" CHECK (grade_from between 1 and 12 and grade_to between grade_from and 12)
);
--> statement-breakpoint
CREATE TABLE "guardians" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text DEFAULT '' NOT NULL,
	"gender" text NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardians_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "guardians_gender_check" CHECK (gender in ('male', 'female'))
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text DEFAULT '' NOT NULL,
	"gender" text NOT NULL,
	"position" text NOT NULL,
	"email" text,
	"phone" text,
	"hired_on" date,
	"dismissed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "staff_gender_check" CHECK (gender in ('male', 'female')),
	CONSTRAINT "staff_position_check" CHECK (position in ('teacher', 'director', 'deputy', 'admin', 'master', 'other')),
	CONSTRAINT "staff_dates_check" CHECK (dismissed_on is null or hired_on is null or dismissed_on >= hired_on)
);
--> statement-breakpoint
CREATE TABLE "student_guardians" (
	"school_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"guardian_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "student_guardians_school_id_student_id_guardian_id_pk" PRIMARY KEY("school_id","student_id","guardian_id"),
	CONSTRAINT "student_guardians_relation_check" CHECK (relation in ('mother', 'father', 'guardian', 'other'))
);
--> statement-breakpoint
CREATE TABLE "students" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text DEFAULT '' NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"snils" text,
	"address" text,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "students_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "students_gender_check" CHECK (gender in ('male', 'female'))
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"period_id" uuid,
	"hours_per_week" numeric(4, 1) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "assignments_unique" UNIQUE NULLS NOT DISTINCT("school_id","group_id","subject_id","staff_id","period_id"),
	CONSTRAINT "assignments_hours_check" CHECK (hours_per_week > 0 and hours_per_week <= 40)
);
--> statement-breakpoint
CREATE TABLE "classes" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"grade" smallint NOT NULL,
	"letter" text NOT NULL,
	"class_teacher_id" uuid,
	"master_id" uuid,
	"shift" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "classes_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "classes_school_id_academic_year_id_grade_letter_unique" UNIQUE("school_id","academic_year_id","grade","letter"),
	CONSTRAINT "classes_grade_check" CHECK (grade between 1 and 12),
	CONSTRAINT "classes_shift_check" CHECK (shift in (1, 2))
);
--> statement-breakpoint
CREATE TABLE "curriculum_hours" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"grade" smallint NOT NULL,
	"subject_id" uuid NOT NULL,
	"hours_per_week" numeric(4, 1) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "curriculum_hours_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "curriculum_hours_school_id_academic_year_id_grade_subject_id_unique" UNIQUE("school_id","academic_year_id","grade","subject_id"),
	CONSTRAINT "curriculum_hours_grade_check" CHECK (grade between 1 and 12),
	CONSTRAINT "curriculum_hours_hours_check" CHECK (hours_per_week > 0 and hours_per_week <= 40)
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"start_event" text NOT NULL,
	"start_order_number" text NOT NULL,
	"start_order_date" date NOT NULL,
	"ends_on" date,
	"end_event" text,
	"end_order_number" text,
	"end_order_date" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "enrolments_start_event_check" CHECK (start_event in ('admitted', 'transferred', 'promoted')),
	CONSTRAINT "enrolments_end_event_check" CHECK (end_event is null or end_event in ('transferred', 'expelled', 'graduated', 'promoted')),
	CONSTRAINT "enrolments_end_check" CHECK ((ends_on is null) = (end_event is null) and (ends_on is null or ends_on >= starts_on))
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "group_members_dates_check" CHECK (ends_on is null or ends_on >= starts_on)
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" smallint,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "rooms_school_id_name_unique" UNIQUE("school_id","name"),
	CONSTRAINT "rooms_capacity_check" CHECK (capacity is null or capacity > 0)
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" text DEFAULT 'subject' NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subjects_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "subjects_school_id_name_unique" UNIQUE("school_id","name"),
	CONSTRAINT "subjects_kind_check" CHECK (kind in ('subject', 'discipline', 'module', 'interdisciplinaryCourse'))
);
--> statement-breakpoint
CREATE TABLE "teaching_groups" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"class_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teaching_groups_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "teaching_groups_school_id_academic_year_id_name_unique" UNIQUE("school_id","academic_year_id","name"),
	CONSTRAINT "teaching_groups_kind_check" CHECK (kind in ('class', 'subgroup', 'crossClass', 'extracurricular', 'additional')),
	CONSTRAINT "teaching_groups_class_check" CHECK (kind not in ('class', 'subgroup') or class_id is not null)
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"school_id" uuid,
	"login" text,
	"address" text DEFAULT '' NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"idle_seconds" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"role" text NOT NULL,
	"person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_roles_role_check" CHECK (role in ('admin', 'director', 'deputy', 'teacher', 'student', 'guardian'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"password_hash" text,
	"display_name" text NOT NULL,
	"is_platform_admin" boolean DEFAULT false NOT NULL,
	"locked_at" timestamp with time zone,
	"email" text,
	"email_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activation_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"person_kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_user_id" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "activation_codes_kind_check" CHECK (person_kind in ('staff', 'student', 'guardian')),
	CONSTRAINT "activation_codes_role_check" CHECK (role in ('admin', 'director', 'deputy', 'teacher', 'student', 'guardian')),
	CONSTRAINT "activation_codes_dates_check" CHECK (expires_at > issued_at)
);
--> statement-breakpoint
CREATE TABLE "password_reset_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text DEFAULT 'password_reset' NOT NULL,
	"email" text,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_reset_tokens_purpose_check" CHECK (purpose in ('password_reset', 'email_confirm'))
);
--> statement-breakpoint
CREATE TABLE "login_challenges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_recovery_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"salt" text NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_totp" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_step" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipality_roles" (
	"user_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipality_roles_user_id_municipality_id_pk" PRIMARY KEY("user_id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"school_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_roles" text,
	"address" text,
	"entity" text NOT NULL,
	"entity_id" text,
	"operation" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entries_school_id_seq_pk" PRIMARY KEY("school_id","seq"),
	CONSTRAINT "audit_entries_operation_check" CHECK (operation in ('insert', 'update', 'delete', 'bulk'))
);
--> statement-breakpoint
CREATE TABLE "audit_reviews" (
	"school_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"report_id" uuid NOT NULL,
	"status" text DEFAULT 'void' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"revert_seq" bigint,
	CONSTRAINT "audit_reviews_school_id_seq_pk" PRIMARY KEY("school_id","seq"),
	CONSTRAINT "audit_reviews_status_check" CHECK (status in ('void', 'reverted', 'confirmed')),
	CONSTRAINT "audit_reviews_decision_check" CHECK ((status = 'void') = (decided_at is null))
);
--> statement-breakpoint
CREATE TABLE "compromise_reports" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "compromise_reports_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "compromise_reports_since_check" CHECK (since <= reported_at)
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"homework_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attachments_size_check" CHECK (size > 0 and size <= 20971520)
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"code" text,
	"reason" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "attendance_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attendance_school_id_lesson_id_student_id_unique" UNIQUE("school_id","lesson_id","student_id"),
	CONSTRAINT "attendance_code_check" CHECK (code is null or code in ('absent', 'ill', 'excused', 'late'))
);
--> statement-breakpoint
CREATE TABLE "grading_policies" (
	"school_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grading_policies_school_id_version_pk" PRIMARY KEY("school_id","version")
);
--> statement-breakpoint
CREATE TABLE "homework" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"due_lesson_id" uuid,
	"due_date" date NOT NULL,
	"text" text NOT NULL,
	"pages" text DEFAULT '' NOT NULL,
	"tasks" text DEFAULT '' NOT NULL,
	"expected_minutes" smallint,
	"individual" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "homework_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "homework_minutes_check" CHECK (expected_minutes is null or expected_minutes between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "homework_students" (
	"school_id" uuid NOT NULL,
	"homework_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	CONSTRAINT "homework_students_school_id_homework_id_student_id_pk" PRIMARY KEY("school_id","homework_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"substitute_staff_id" uuid,
	"room_id" uuid,
	"slot_id" uuid,
	"date" date NOT NULL,
	"lesson_number" smallint NOT NULL,
	"kind" text DEFAULT 'regular' NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"original_date" date,
	"original_lesson_number" smallint,
	"status_reason" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"planned_topic_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"work_type_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"topic_written_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lessons_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "lessons_kind_check" CHECK (kind in ('regular', 'extra')),
	CONSTRAINT "lessons_status_check" CHECK (status in ('scheduled', 'moved', 'cancelled')),
	CONSTRAINT "lessons_number_check" CHECK (lesson_number between 0 and 15)
);
--> statement-breakpoint
CREATE TABLE "mark_versions" (
	"school_id" uuid NOT NULL,
	"mark_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"work_type_id" uuid NOT NULL,
	"weight" numeric(4, 2) NOT NULL,
	"value" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"deleted" boolean NOT NULL,
	"author_user_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "mark_versions_school_id_mark_id_version_pk" PRIMARY KEY("school_id","mark_id","version")
);
--> statement-breakpoint
CREATE TABLE "marks" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"work_type_id" uuid NOT NULL,
	"weight" numeric(4, 2) NOT NULL,
	"scale" text NOT NULL,
	"value" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marks_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "marks_scale_check" CHECK (scale in ('five', 'passFail', 'ten', 'hundred'))
);
--> statement-breakpoint
CREATE TABLE "period_closures" (
	"school_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "period_closures_school_id_period_id_pk" PRIMARY KEY("school_id","period_id")
);
--> statement-breakpoint
CREATE TABLE "period_marks" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"period_id" uuid,
	"academic_year_id" uuid NOT NULL,
	"value" text NOT NULL,
	"suggested" text,
	"explanation" text DEFAULT '' NOT NULL,
	"policy_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "period_marks_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "period_marks_unique" UNIQUE NULLS NOT DISTINCT("school_id","group_id","subject_id","student_id","period_id","academic_year_id"),
	CONSTRAINT "period_marks_value_check" CHECK (value in ('2', '3', '4', '5', 'pass', 'fail', 'exempt', 'notAssessed'))
);
--> statement-breakpoint
CREATE TABLE "period_reopenings" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "period_reopenings_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "period_reopenings_dates_check" CHECK (from_date <= to_date and opened_at < expires_at)
);
--> statement-breakpoint
CREATE TABLE "planned_topics" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"hours" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_topics_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "planned_topics_school_id_group_id_subject_id_ordinal_unique" UNIQUE("school_id","group_id","subject_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "timetable_slots" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"room_id" uuid,
	"weekday" smallint NOT NULL,
	"lesson_number" smallint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"week_parity" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timetable_slots_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "timetable_slots_weekday_check" CHECK (weekday between 1 and 6),
	CONSTRAINT "timetable_slots_number_check" CHECK (lesson_number between 0 and 15),
	CONSTRAINT "timetable_slots_dates_check" CHECK (valid_from <= valid_to),
	CONSTRAINT "timetable_slots_parity_check" CHECK (week_parity is null or week_parity in ('odd', 'even'))
);
--> statement-breakpoint
CREATE TABLE "work_types" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"weight" numeric(4, 2) NOT NULL,
	"is_control" boolean DEFAULT false NOT NULL,
	"is_written" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_types_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "work_types_school_id_name_unique" UNIQUE("school_id","name"),
	CONSTRAINT "work_types_weight_check" CHECK (weight > 0 and weight <= 10)
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academic_years" ADD CONSTRAINT "academic_years_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bell_schedules" ADD CONSTRAINT "bell_schedules_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bells" ADD CONSTRAINT "bells_school_id_bell_schedule_id_bell_schedules_school_id_id_fk" FOREIGN KEY ("school_id","bell_schedule_id") REFERENCES "public"."bell_schedules"("school_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_guardians" ADD CONSTRAINT "student_guardians_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_guardians" ADD CONSTRAINT "student_guardians_school_id_guardian_id_guardians_school_id_id_fk" FOREIGN KEY ("school_id","guardian_id") REFERENCES "public"."guardians"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_school_id_staff_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","staff_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_school_id_period_id_periods_school_id_id_fk" FOREIGN KEY ("school_id","period_id") REFERENCES "public"."periods"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_class_teacher_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","class_teacher_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_master_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","master_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_hours" ADD CONSTRAINT "curriculum_hours_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_hours" ADD CONSTRAINT "curriculum_hours_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_school_id_parent_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","parent_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_groups" ADD CONSTRAINT "teaching_groups_school_id_academic_year_id_academic_years_school_id_id_fk" FOREIGN KEY ("school_id","academic_year_id") REFERENCES "public"."academic_years"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_groups" ADD CONSTRAINT "teaching_groups_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation_codes" ADD CONSTRAINT "activation_codes_used_by_user_id_users_id_fk" FOREIGN KEY ("used_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation_codes" ADD CONSTRAINT "activation_codes_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_challenges" ADD CONSTRAINT "login_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "user_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_totp" ADD CONSTRAINT "user_totp_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_roles" ADD CONSTRAINT "municipality_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_roles" ADD CONSTRAINT "municipality_roles_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD CONSTRAINT "audit_reviews_school_id_seq_audit_entries_school_id_seq_fk" FOREIGN KEY ("school_id","seq") REFERENCES "public"."audit_entries"("school_id","seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD CONSTRAINT "audit_reviews_school_id_report_id_compromise_reports_school_id_id_fk" FOREIGN KEY ("school_id","report_id") REFERENCES "public"."compromise_reports"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD CONSTRAINT "audit_reviews_school_id_revert_seq_audit_entries_school_id_seq_fk" FOREIGN KEY ("school_id","revert_seq") REFERENCES "public"."audit_entries"("school_id","seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compromise_reports" ADD CONSTRAINT "compromise_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compromise_reports" ADD CONSTRAINT "compromise_reports_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_school_id_homework_id_homework_school_id_id_fk" FOREIGN KEY ("school_id","homework_id") REFERENCES "public"."homework"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_school_id_lesson_id_lessons_school_id_id_fk" FOREIGN KEY ("school_id","lesson_id") REFERENCES "public"."lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_policies" ADD CONSTRAINT "grading_policies_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_school_id_lesson_id_lessons_school_id_id_fk" FOREIGN KEY ("school_id","lesson_id") REFERENCES "public"."lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework" ADD CONSTRAINT "homework_school_id_due_lesson_id_lessons_school_id_id_fk" FOREIGN KEY ("school_id","due_lesson_id") REFERENCES "public"."lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_students" ADD CONSTRAINT "homework_students_school_id_homework_id_homework_school_id_id_fk" FOREIGN KEY ("school_id","homework_id") REFERENCES "public"."homework"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_students" ADD CONSTRAINT "homework_students_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_staff_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","staff_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_substitute_staff_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","substitute_staff_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_room_id_rooms_school_id_id_fk" FOREIGN KEY ("school_id","room_id") REFERENCES "public"."rooms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_slot_id_timetable_slots_school_id_id_fk" FOREIGN KEY ("school_id","slot_id") REFERENCES "public"."timetable_slots"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_school_id_planned_topic_id_planned_topics_school_id_id_fk" FOREIGN KEY ("school_id","planned_topic_id") REFERENCES "public"."planned_topics"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_versions" ADD CONSTRAINT "mark_versions_school_id_mark_id_marks_school_id_id_fk" FOREIGN KEY ("school_id","mark_id") REFERENCES "public"."marks"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_lesson_id_lessons_school_id_id_fk" FOREIGN KEY ("school_id","lesson_id") REFERENCES "public"."lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_school_id_work_type_id_work_types_school_id_id_fk" FOREIGN KEY ("school_id","work_type_id") REFERENCES "public"."work_types"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_closures" ADD CONSTRAINT "period_closures_school_id_period_id_periods_school_id_id_fk" FOREIGN KEY ("school_id","period_id") REFERENCES "public"."periods"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_school_id_period_id_periods_school_id_id_fk" FOREIGN KEY ("school_id","period_id") REFERENCES "public"."periods"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_reopenings" ADD CONSTRAINT "period_reopenings_school_id_period_id_periods_school_id_id_fk" FOREIGN KEY ("school_id","period_id") REFERENCES "public"."periods"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_reopenings" ADD CONSTRAINT "period_reopenings_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_topics" ADD CONSTRAINT "planned_topics_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_topics" ADD CONSTRAINT "planned_topics_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_slots" ADD CONSTRAINT "timetable_slots_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_slots" ADD CONSTRAINT "timetable_slots_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_slots" ADD CONSTRAINT "timetable_slots_school_id_staff_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","staff_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timetable_slots" ADD CONSTRAINT "timetable_slots_school_id_room_id_rooms_school_id_id_fk" FOREIGN KEY ("school_id","room_id") REFERENCES "public"."rooms"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_types" ADD CONSTRAINT "work_types_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "academic_years_one_open" ON "academic_years" USING btree ("school_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "guardians_name_idx" ON "guardians" USING btree ("school_id","last_name","first_name","middle_name","id");--> statement-breakpoint
CREATE INDEX "staff_name_idx" ON "staff" USING btree ("school_id","last_name","first_name","middle_name","id");--> statement-breakpoint
CREATE INDEX "student_guardians_guardian_idx" ON "student_guardians" USING btree ("school_id","guardian_id");--> statement-breakpoint
CREATE INDEX "students_name_idx" ON "students" USING btree ("school_id","last_name","first_name","middle_name","id");--> statement-breakpoint
CREATE INDEX "assignments_staff_idx" ON "assignments" USING btree ("school_id","staff_id");--> statement-breakpoint
CREATE INDEX "enrolments_student_idx" ON "enrolments" USING btree ("school_id","student_id","starts_on");--> statement-breakpoint
CREATE INDEX "enrolments_class_idx" ON "enrolments" USING btree ("school_id","class_id","starts_on");--> statement-breakpoint
CREATE INDEX "group_members_group_idx" ON "group_members" USING btree ("school_id","group_id","starts_on");--> statement-breakpoint
CREATE INDEX "group_members_student_idx" ON "group_members" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "teaching_groups_class_idx" ON "teaching_groups" USING btree ("school_id","class_id");--> statement-breakpoint
CREATE INDEX "security_events_user_idx" ON "security_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "security_events_school_idx" ON "security_events" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_unique" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_roles_unique" ON "user_roles" USING btree ("user_id","school_id","role");--> statement-breakpoint
CREATE INDEX "user_roles_school_idx" ON "user_roles" USING btree ("school_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_unique" ON "users" USING btree (lower("login"));--> statement-breakpoint
CREATE UNIQUE INDEX "activation_codes_hash_unique" ON "activation_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "activation_codes_person_idx" ON "activation_codes" USING btree ("school_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "password_reset_tokens_hash_unique" ON "password_reset_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "password_reset_tokens_user_idx" ON "password_reset_tokens" USING btree ("user_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "login_challenges_token_hash_unique" ON "login_challenges" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "login_challenges_user_idx" ON "login_challenges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_recovery_codes_user_idx" ON "user_recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "municipality_roles_municipality_idx" ON "municipality_roles" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "audit_entries_entity_idx" ON "audit_entries" USING btree ("school_id","entity","entity_id","seq");--> statement-breakpoint
CREATE INDEX "audit_entries_actor_idx" ON "audit_entries" USING btree ("school_id","actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_reviews_report_idx" ON "audit_reviews" USING btree ("school_id","report_id","seq");--> statement-breakpoint
CREATE INDEX "compromise_reports_user_idx" ON "compromise_reports" USING btree ("school_id","user_id");--> statement-breakpoint
CREATE INDEX "attachments_homework_idx" ON "attachments" USING btree ("school_id","homework_id");--> statement-breakpoint
CREATE INDEX "attendance_student_idx" ON "attendance" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "homework_lesson_idx" ON "homework" USING btree ("school_id","lesson_id");--> statement-breakpoint
CREATE INDEX "homework_due_idx" ON "homework" USING btree ("school_id","due_date");--> statement-breakpoint
CREATE INDEX "homework_students_student_idx" ON "homework_students" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "lessons_group_date_idx" ON "lessons" USING btree ("school_id","group_id","date","lesson_number");--> statement-breakpoint
CREATE INDEX "lessons_staff_date_idx" ON "lessons" USING btree ("school_id","staff_id","date");--> statement-breakpoint
CREATE INDEX "lessons_substitute_date_idx" ON "lessons" USING btree ("school_id","substitute_staff_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "lessons_slot_date_unique" ON "lessons" USING btree ("school_id","slot_id","original_date") WHERE slot_id is not null;--> statement-breakpoint
CREATE INDEX "marks_lesson_idx" ON "marks" USING btree ("school_id","lesson_id");--> statement-breakpoint
CREATE INDEX "marks_student_idx" ON "marks" USING btree ("school_id","student_id","created_at");--> statement-breakpoint
CREATE INDEX "period_marks_student_idx" ON "period_marks" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "period_reopenings_period_idx" ON "period_reopenings" USING btree ("school_id","period_id");--> statement-breakpoint
CREATE INDEX "timetable_slots_group_idx" ON "timetable_slots" USING btree ("school_id","group_id");--> statement-breakpoint
CREATE INDEX "timetable_slots_staff_idx" ON "timetable_slots" USING btree ("school_id","staff_id");