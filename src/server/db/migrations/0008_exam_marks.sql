CREATE TABLE "exam_subjects" (
	"school_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"set_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_subjects_school_id_group_id_subject_id_pk" PRIMARY KEY("school_id","group_id","subject_id")
);
--> statement-breakpoint
ALTER TABLE "period_marks" DROP CONSTRAINT "period_marks_unique";--> statement-breakpoint
ALTER TABLE "period_marks" ADD COLUMN "kind" text DEFAULT 'period' NOT NULL;--> statement-breakpoint
ALTER TABLE "exam_subjects" ADD CONSTRAINT "exam_subjects_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_subjects" ADD CONSTRAINT "exam_subjects_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_unique" UNIQUE NULLS NOT DISTINCT("school_id","group_id","subject_id","student_id","period_id","academic_year_id","kind");--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_kind_check" CHECK (kind in ('period', 'exam', 'final'));--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_kind_period_check" CHECK (kind = 'period' or period_id is null);--> statement-breakpoint
ALTER TABLE "period_marks" ADD CONSTRAINT "period_marks_exam_value_check" CHECK (kind <> 'exam' or value in ('2', '3', '4', '5'));--> statement-breakpoint

-- Hand-written (issue 12, exam and final marks): which groups' subjects end with an examination is part
-- of the journal's record, so every setting and unsetting goes to the audit log, as period marks do.
SELECT klassny_audit_attach('exam_subjects'::regclass);
