-- CreateTable
CREATE TABLE "PartnerWebhookAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "excerpt" TEXT,
    CONSTRAINT "PartnerWebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PartnerWebhookMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PartnerWebhookAttempt_messageId_startedAt_idx" ON "PartnerWebhookAttempt"("messageId", "startedAt");
