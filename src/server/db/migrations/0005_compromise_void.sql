ALTER TABLE "audit_reviews" DROP CONSTRAINT "audit_reviews_status_check";--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_reviews" ADD CONSTRAINT "audit_reviews_status_check" CHECK (status in ('void', 'reverted', 'restored', 'confirmed'));