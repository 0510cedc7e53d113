CREATE TABLE "demo_schools" (
	"school_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"demo_allowed" boolean NOT NULL,
	"demo_region_id" uuid,
	"demo_created_at" timestamp with time zone,
	"demo_removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_singleton_check" CHECK ("deployment"."singleton")
);
--> statement-breakpoint
CREATE TABLE "setup_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "demo_schools" ADD CONSTRAINT "demo_schools_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint

-- Any school or account turns the demo off for good; the demo generator turns it off before it writes.
-- The row is made at the first need (demo/demoRecord.ts), so a migrated database stays empty for a restore.
CREATE FUNCTION klassny_demo_forbid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "deployment" ("demo_allowed") VALUES (false)
    ON CONFLICT ("singleton") DO UPDATE SET "demo_allowed" = false WHERE "deployment"."demo_allowed";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER klassny_demo_forbid AFTER INSERT ON "schools" FOR EACH STATEMENT EXECUTE FUNCTION klassny_demo_forbid();
--> statement-breakpoint
CREATE TRIGGER klassny_demo_forbid AFTER INSERT ON "users" FOR EACH STATEMENT EXECUTE FUNCTION klassny_demo_forbid();
--> statement-breakpoint

-- The audit log stays append-only, with one exception: `klassny demo remove` takes a demo school's
-- entries out with the school, in the transaction that names that school in `klassny.removing_demo_school`.
CREATE FUNCTION klassny_audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.school_id::text = current_setting('klassny.removing_demo_school', true)
     AND EXISTS (SELECT 1 FROM "demo_schools" WHERE "school_id" = OLD.school_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'klassny: % on % is refused: the audit log is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_entries_append_only ON audit_entries;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION klassny_audit_entries_guard();
