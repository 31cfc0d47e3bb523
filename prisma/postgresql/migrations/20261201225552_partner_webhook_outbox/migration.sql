-- DropIndex
DROP INDEX "PartnerWebhookMessage_linkId_idx";

-- AlterTable
ALTER TABLE "PartnerWebhookMessage" ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "orderId" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "PartnerWebhookMessage_linkId_orderId_idx" ON "PartnerWebhookMessage"("linkId", "orderId");

-- Rows queued before this migration name their order only inside the payload.
UPDATE "PartnerWebhookMessage" SET "orderId" = COALESCE("payload"->'data'->>'id', '');
