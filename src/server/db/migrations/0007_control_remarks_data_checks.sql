CREATE TABLE "class_data_checks" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"checked_by_user_id" uuid NOT NULL,
	"checked_by_staff_id" uuid,
	CONSTRAINT "class_data_checks_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "control_remarks" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"flag_kind" text NOT NULL,
	"flag_key" text NOT NULL,
	"lesson_id" uuid,
	"entry_id" uuid,
	"student_id" uuid,
	"period_id" uuid,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_remarks_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "control_remarks_kind_check" CHECK (flag_kind in ('homework_late', 'mark_late', 'written_mark_late', 'topic_missing', 'few_marks', 'attendance_missing', 'period_mark_missing')),
	CONSTRAINT "control_remarks_text_check" CHECK (char_length(btrim(body)) between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "class_data_checks" ADD CONSTRAINT "class_data_checks_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_data_checks" ADD CONSTRAINT "class_data_checks_school_id_class_id_classes_school_id_id_fk" FOREIGN KEY ("school_id","class_id") REFERENCES "public"."classes"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_data_checks" ADD CONSTRAINT "class_data_checks_school_id_checked_by_staff_id_staff_school_id_id_fk" FOREIGN KEY ("school_id","checked_by_staff_id") REFERENCES "public"."staff"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_remarks" ADD CONSTRAINT "control_remarks_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_remarks" ADD CONSTRAINT "control_remarks_school_id_lesson_id_lessons_school_id_id_fk" FOREIGN KEY ("school_id","lesson_id") REFERENCES "public"."lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_remarks" ADD CONSTRAINT "control_remarks_school_id_student_id_students_school_id_id_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_remarks" ADD CONSTRAINT "control_remarks_school_id_period_id_periods_school_id_id_fk" FOREIGN KEY ("school_id","period_id") REFERENCES "public"."periods"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_remarks" ADD CONSTRAINT "control_remarks_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_remarks" ADD CONSTRAINT "control_remarks_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_data_checks_class_idx" ON "class_data_checks" USING btree ("school_id","class_id","checked_at");--> statement-breakpoint
CREATE INDEX "control_remarks_flag_idx" ON "control_remarks" USING btree ("school_id","flag_key","created_at");--> statement-breakpoint

-- Hand-written (issue 12, control): remarks on flags and personal-data checks are audited like every record.
SELECT klassny_audit_attach(t::regclass) FROM unnest(ARRAY['control_remarks', 'class_data_checks']) AS t;
