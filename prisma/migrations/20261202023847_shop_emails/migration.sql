-- CreateTable
CREATE TABLE "ShopEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShopEmail_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ShopEmail_email_idx" ON "ShopEmail"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ShopEmail_shopId_email_key" ON "ShopEmail"("shopId", "email");
