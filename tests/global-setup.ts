// Prepares shared resources once per test run (databases are prepared per worker in tests/helpers/db.ts).
export default async function globalSetup() {}
