/**
 * Runs a test body whose assertions depend on failures counted in fixed rate-limit windows (15 minutes,
 * an hour). Should a window boundary pass while it runs, the counts restart and the body may fail for
 * that reason alone: then it runs once more, from its beginning (a body must set up its own counts).
 */
export async function withinOneWindow(seconds: number, body: () => Promise<void>): Promise<void> {
  const windowOf = () => Math.floor(Date.now() / (seconds * 1000));
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const start = windowOf();
    try {
      await body();
      return;
    } catch (error) {
      if (windowOf() === start) throw error;
    }
  }
  throw new Error('a rate-limit window turned over twice during the test');
}
