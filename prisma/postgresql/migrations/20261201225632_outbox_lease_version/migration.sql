-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "leaseVersion" INTEGER NOT NULL DEFAULT 0;
