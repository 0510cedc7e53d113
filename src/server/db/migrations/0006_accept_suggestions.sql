CREATE TABLE "period_mark_accepts" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"period_id" uuid,
	"academic_year_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undo_until" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"items" jsonb NOT NULL,
	CONSTRAINT "period_mark_accepts_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
ALTER TABLE "period_marks" ADD COLUMN "reason" jsonb;--> statement-breakpoint
ALTER TABLE "period_mark_accepts" ADD CONSTRAINT "period_mark_accepts_school_id_group_id_teaching_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."teaching_groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_mark_accepts" ADD CONSTRAINT "period_mark_accepts_school_id_subject_id_subjects_school_id_id_fk" FOREIGN KEY ("school_id","subject_id") REFERENCES "public"."subjects"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_mark_accepts" ADD CONSTRAINT "period_mark_accepts_school_id_period_id_periods_school_id_id_fk" FOREIGN KEY ("school_id","period_id") REFERENCES "public"."periods"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "period_mark_accepts_slot_idx" ON "period_mark_accepts" USING btree ("school_id","group_id","subject_id","academic_year_id","created_at");--> statement-breakpoint

-- Hand-written (issue 12): the accepted batches are audited like the period marks they change.
SELECT klassny_audit_attach('period_mark_accepts');

