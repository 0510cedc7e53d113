CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"school_id" uuid,
	"scheduled_for" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"error" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "job_runs_slot_key" UNIQUE NULLS NOT DISTINCT("job","school_id","scheduled_for","trigger","attempt"),
	CONSTRAINT "job_runs_trigger_check" CHECK (trigger in ('schedule', 'manual')),
	CONSTRAINT "job_runs_outcome_check" CHECK (outcome is null or outcome in ('ok', 'failed')),
	CONSTRAINT "job_runs_attempt_check" CHECK (attempt >= 1)
);
--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_runs_job_slot_idx" ON "job_runs" USING btree ("job","scheduled_for");