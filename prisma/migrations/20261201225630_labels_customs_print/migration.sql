-- AlterTable
ALTER TABLE "Label" ADD COLUMN "customs" JSONB;
ALTER TABLE "Label" ADD COLUMN "labelZpl" BLOB;
ALTER TABLE "Label" ADD COLUMN "lines" JSONB;
ALTER TABLE "Label" ADD COLUMN "refusalKey" TEXT;
ALTER TABLE "Label" ADD COLUMN "refusalParams" JSONB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LabelBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "mailingDate" TEXT NOT NULL,
    "notifyCustomer" BOOLEAN NOT NULL DEFAULT false,
    "labelFormat" TEXT NOT NULL DEFAULT 'PDF',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabelBatch_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LabelBatch" ("carrierId", "connectionId", "createdAt", "id", "mailingDate", "notifyCustomer", "shopId", "status", "updatedAt") SELECT "carrierId", "connectionId", "createdAt", "id", "mailingDate", "notifyCustomer", "shopId", "status", "updatedAt" FROM "LabelBatch";
DROP TABLE "LabelBatch";
ALTER TABLE "new_LabelBatch" RENAME TO "LabelBatch";
CREATE INDEX "LabelBatch_shopId_createdAt_idx" ON "LabelBatch"("shopId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
