-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "customs" JSONB,
ADD COLUMN     "labelZpl" BYTEA,
ADD COLUMN     "lines" JSONB,
ADD COLUMN     "refusalKey" TEXT,
ADD COLUMN     "refusalParams" JSONB;

-- AlterTable
ALTER TABLE "LabelBatch" ADD COLUMN     "labelFormat" TEXT NOT NULL DEFAULT 'PDF';
