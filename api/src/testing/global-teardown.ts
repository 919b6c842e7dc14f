export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __attuneStopDatabase?: () => Promise<void> }).__attuneStopDatabase?.();
}
