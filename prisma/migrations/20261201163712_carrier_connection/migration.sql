-- CreateTable
CREATE TABLE "CarrierConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL DEFAULT '',
    "mode" TEXT NOT NULL DEFAULT 'test',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "settings" JSONB,
    "credentials" TEXT,
    "tokenExpiresAt" DATETIME,
    "lastError" TEXT,
    "diagnosis" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CarrierConnection_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CarrierConnection_shopId_idx" ON "CarrierConnection"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierConnection_shopId_carrierId_accountNumber_key" ON "CarrierConnection"("shopId", "carrierId", "accountNumber");
