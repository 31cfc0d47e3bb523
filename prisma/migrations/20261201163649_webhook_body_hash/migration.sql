/*
  Warnings:

  - A unique constraint covering the columns `[topic,bodyHash]` on the table `WebhookReceipt` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "WebhookReceipt" ADD COLUMN "bodyHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_topic_bodyHash_key" ON "WebhookReceipt"("topic", "bodyHash");
