-- AlterTable
ALTER TABLE "ProviderUser" ADD COLUMN "locale" TEXT;
