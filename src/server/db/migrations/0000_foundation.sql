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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE UNIQUE INDEX "user_roles_unique" ON "user_roles" USING btree ("user_id","school_id","role");--> statement-breakpoint
CREATE INDEX "user_roles_school_idx" ON "user_roles" USING btree ("school_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_unique" ON "users" USING btree (lower("login"));