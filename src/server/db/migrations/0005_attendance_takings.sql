CREATE TABLE "attendance_takings" (
	"school_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"taken_by" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_takings_school_id_lesson_id_pk" PRIMARY KEY("school_id","lesson_id")
);
--> statement-breakpoint
ALTER TABLE "attendance_takings" ADD CONSTRAINT "attendance_takings_school_id_lesson_id_lessons_school_id_id_fk" FOREIGN KEY ("school_id","lesson_id") REFERENCES "public"."lessons"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint

-- Hand-written (issue 12, attendance taken): a lesson that already holds attendance entries was
-- taken when its first entry was recorded, by whoever recorded it; then the table goes under audit
-- (seed 003, 1.4), like the attendance it belongs to.
INSERT INTO "attendance_takings" ("school_id", "lesson_id", "taken_by", "taken_at")
SELECT DISTINCT ON ("school_id", "lesson_id") "school_id", "lesson_id", "recorded_by", "recorded_at"
FROM "attendance"
ORDER BY "school_id", "lesson_id", "recorded_at", "id";
--> statement-breakpoint
SELECT klassny_audit_attach('attendance_takings');
