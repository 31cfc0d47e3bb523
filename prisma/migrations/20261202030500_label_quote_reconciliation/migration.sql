-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Label" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL DEFAULT '',
    "fulfillmentOrderId" TEXT NOT NULL,
    "packageKey" TEXT NOT NULL DEFAULT '1',
    "generation" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "serviceCode" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "toAddress" JSONB NOT NULL,
    "fromAddress" JSONB NOT NULL,
    "parcel" JSONB NOT NULL,
    "checkoutPaid" INTEGER,
    "quotedAmount" INTEGER,
    "quotedCurrency" TEXT,
    "chargedAmount" INTEGER,
    "chargedPostage" INTEGER,
    "quoteMismatch" BOOLEAN NOT NULL DEFAULT false,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "trackingNumber" TEXT,
    "trackingUrl" TEXT,
    "labelPdf" BLOB,
    "labelZpl" BLOB,
    "lines" JSONB,
    "customs" JSONB,
    "refusalKey" TEXT,
    "refusalParams" JSONB,
    "fulfillmentId" TEXT,
    "supersedesLabelId" TEXT,
    "disputeId" TEXT,
    "addressSuggestion" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "errorKey" TEXT,
    "errorParams" JSONB,
    "trackingStatus" TEXT,
    "trackingNextAt" DATETIME,
    "trackingAlert" TEXT,
    "trackingAlertAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Label_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Label_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "LabelBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Label" ("addressSuggestion", "attempts", "batchId", "chargedAmount", "checkoutPaid", "createdAt", "currency", "customs", "disputeId", "fromAddress", "fulfillmentId", "fulfillmentOrderId", "generation", "id", "idempotencyKey", "labelPdf", "labelZpl", "lastError", "leaseOwner", "leaseUntil", "lines", "nextAttemptAt", "options", "orderId", "orderName", "packageKey", "parcel", "quotedAmount", "refusalKey", "refusalParams", "serviceCode", "shopId", "status", "supersedesLabelId", "toAddress", "trackingAlert", "trackingAlertAt", "trackingNextAt", "trackingNumber", "trackingStatus", "trackingUrl", "updatedAt") SELECT "addressSuggestion", "attempts", "batchId", "chargedAmount", "checkoutPaid", "createdAt", "currency", "customs", "disputeId", "fromAddress", "fulfillmentId", "fulfillmentOrderId", "generation", "id", "idempotencyKey", "labelPdf", "labelZpl", "lastError", "leaseOwner", "leaseUntil", "lines", "nextAttemptAt", "options", "orderId", "orderName", "packageKey", "parcel", "quotedAmount", "refusalKey", "refusalParams", "serviceCode", "shopId", "status", "supersedesLabelId", "toAddress", "trackingAlert", "trackingAlertAt", "trackingNextAt", "trackingNumber", "trackingStatus", "trackingUrl", "updatedAt" FROM "Label";
DROP TABLE "Label";
ALTER TABLE "new_Label" RENAME TO "Label";
CREATE INDEX "Label_status_nextAttemptAt_idx" ON "Label"("status", "nextAttemptAt");
CREATE INDEX "Label_status_trackingNextAt_idx" ON "Label"("status", "trackingNextAt");
CREATE INDEX "Label_shopId_trackingAlertAt_idx" ON "Label"("shopId", "trackingAlertAt");
CREATE INDEX "Label_shopId_quoteMismatch_idx" ON "Label"("shopId", "quoteMismatch");
CREATE INDEX "Label_shopId_batchId_idx" ON "Label"("shopId", "batchId");
CREATE INDEX "Label_shopId_orderId_idx" ON "Label"("shopId", "orderId");
CREATE UNIQUE INDEX "Label_shopId_idempotencyKey_key" ON "Label"("shopId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
