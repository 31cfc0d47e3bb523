-- CreateTable
CREATE TABLE "LabelBatch" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "carrierId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "mailingDate" TEXT NOT NULL,
    "notifyCustomer" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" TEXT NOT NULL,
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
    "chargedAmount" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "trackingNumber" TEXT,
    "trackingUrl" TEXT,
    "labelPdf" BYTEA,
    "fulfillmentId" TEXT,
    "supersedesLabelId" TEXT,
    "disputeId" TEXT,
    "addressSuggestion" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelLedgerEntry" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "labelId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "mailingDate" TEXT NOT NULL,
    "paymentAccount" TEXT NOT NULL,
    "checkoutPaid" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabelBatch_shopId_createdAt_idx" ON "LabelBatch"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "Label_status_nextAttemptAt_idx" ON "Label"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Label_shopId_batchId_idx" ON "Label"("shopId", "batchId");

-- CreateIndex
CREATE INDEX "Label_shopId_orderId_idx" ON "Label"("shopId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Label_shopId_idempotencyKey_key" ON "Label"("shopId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "LabelLedgerEntry_shopId_createdAt_idx" ON "LabelLedgerEntry"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "LabelLedgerEntry_shopId_labelId_idx" ON "LabelLedgerEntry"("shopId", "labelId");

-- AddForeignKey
ALTER TABLE "LabelBatch" ADD CONSTRAINT "LabelBatch_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "LabelBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelLedgerEntry" ADD CONSTRAINT "LabelLedgerEntry_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
