ALTER TABLE "audit_reviews" DROP CONSTRAINT "audit_reviews_status_check";--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_reviews_under_review_idx" ON "audit_reviews" USING btree ("school_id") WHERE status = 'void' and voided_at is not null;--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD CONSTRAINT "audit_reviews_status_check" CHECK (status in ('void', 'reverted', 'restored', 'confirmed'));--> statement-breakpoint

-- ---- Hand-written (issue 12, compromised login): keep when the migration is regenerated. ----
-- The administrator's decisions on a compromised login's changes (restore, confirm the voiding,
-- revert, keep) are part of the legal record (seed 003, 1.4 and 4.4): each goes to the audit log,
-- which also moves the school's chain head and so refreshes the cached diary weeks.
SELECT klassny_audit_attach('audit_reviews'::regclass);
