-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "trackingAlert" TEXT,
ADD COLUMN     "trackingAlertAt" TIMESTAMP(3),
ADD COLUMN     "trackingNextAt" TIMESTAMP(3),
ADD COLUMN     "trackingStatus" TEXT;

-- CreateIndex
CREATE INDEX "Label_status_trackingNextAt_idx" ON "Label"("status", "trackingNextAt");

-- CreateIndex
CREATE INDEX "Label_shopId_trackingAlertAt_idx" ON "Label"("shopId", "trackingAlertAt");
