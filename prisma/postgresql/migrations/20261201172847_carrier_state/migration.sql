-- CreateTable
CREATE TABLE "CarrierState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierState_pkey" PRIMARY KEY ("key")
);
