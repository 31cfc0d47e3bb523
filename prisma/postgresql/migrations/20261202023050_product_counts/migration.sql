-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "productCounts" JSONB;
