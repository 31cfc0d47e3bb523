-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "chargedPostage" INTEGER,
ADD COLUMN     "errorKey" TEXT,
ADD COLUMN     "errorParams" JSONB,
ADD COLUMN     "quoteMismatch" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "quotedCurrency" TEXT;

-- CreateIndex
CREATE INDEX "Label_shopId_quoteMismatch_idx" ON "Label"("shopId", "quoteMismatch");
