-- CreateTable
CREATE TABLE "PartnerWebhookAttempt" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "excerpt" TEXT,

    CONSTRAINT "PartnerWebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PartnerWebhookAttempt_messageId_startedAt_idx" ON "PartnerWebhookAttempt"("messageId", "startedAt");

-- AddForeignKey
ALTER TABLE "PartnerWebhookAttempt" ADD CONSTRAINT "PartnerWebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PartnerWebhookMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
