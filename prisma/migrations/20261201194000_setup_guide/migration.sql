-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "setupGuide" JSONB;
