// Placeholder until the database layer lands: replaced by the real template-database setup.
export async function setupPostgres(): Promise<void> {}
export async function teardownPostgres(): Promise<void> {}
