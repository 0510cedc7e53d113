CREATE TABLE "backup_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"destination" text NOT NULL,
	"file_name" text,
	"bytes" bigint,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"verified_at" timestamp with time zone,
	"error" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "backup_copies_outcome_check" CHECK (outcome in ('ok', 'failed')),
	CONSTRAINT "backup_copies_trigger_check" CHECK (trigger in ('schedule', 'manual')),
	CONSTRAINT "backup_copies_ok_check" CHECK (outcome <> 'ok' or (file_name is not null and bytes is not null))
);
--> statement-breakpoint
CREATE INDEX "backup_copies_finished_idx" ON "backup_copies" USING btree ("finished_at");