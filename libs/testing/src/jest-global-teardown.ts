// Runs once after all test files: stops what jest-global-setup started.
export default async function globalTeardown(): Promise<void> {}
