-- CreateTable
CREATE TABLE "CarrierConnection" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL DEFAULT '',
    "mode" TEXT NOT NULL DEFAULT 'test',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "settings" JSONB,
    "credentials" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "diagnosis" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CarrierConnection_shopId_idx" ON "CarrierConnection"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierConnection_shopId_carrierId_accountNumber_key" ON "CarrierConnection"("shopId", "carrierId", "accountNumber");

-- AddForeignKey
ALTER TABLE "CarrierConnection" ADD CONSTRAINT "CarrierConnection_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
