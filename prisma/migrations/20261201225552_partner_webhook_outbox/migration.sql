-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PartnerWebhookMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL DEFAULT '',
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PartnerWebhookMessage_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "PartnerLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PartnerWebhookMessage" ("attempts", "createdAt", "deliveredAt", "event", "id", "lastError", "linkId", "nextAttemptAt", "payload", "shopId", "status") SELECT "attempts", "createdAt", "deliveredAt", "event", "id", "lastError", "linkId", "nextAttemptAt", "payload", "shopId", "status" FROM "PartnerWebhookMessage";
-- Rows queued before this migration name their order only inside the payload.
UPDATE "new_PartnerWebhookMessage" SET "orderId" = COALESCE(json_extract("payload", '$.data.id'), '');
DROP TABLE "PartnerWebhookMessage";
ALTER TABLE "new_PartnerWebhookMessage" RENAME TO "PartnerWebhookMessage";
CREATE INDEX "PartnerWebhookMessage_status_nextAttemptAt_idx" ON "PartnerWebhookMessage"("status", "nextAttemptAt");
CREATE INDEX "PartnerWebhookMessage_linkId_orderId_idx" ON "PartnerWebhookMessage"("linkId", "orderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
