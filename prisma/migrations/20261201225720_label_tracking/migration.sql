-- AlterTable
ALTER TABLE "Label" ADD COLUMN "trackingAlert" TEXT;
ALTER TABLE "Label" ADD COLUMN "trackingAlertAt" DATETIME;
ALTER TABLE "Label" ADD COLUMN "trackingNextAt" DATETIME;
ALTER TABLE "Label" ADD COLUMN "trackingStatus" TEXT;

-- CreateIndex
CREATE INDEX "Label_status_trackingNextAt_idx" ON "Label"("status", "trackingNextAt");

-- CreateIndex
CREATE INDEX "Label_shopId_trackingAlertAt_idx" ON "Label"("shopId", "trackingAlertAt");
