/**
 * Imported first by main.ts, before anything else loads: on Linux (glibc), re-executes this very
 * process (same pid, same flags and arguments) with `MALLOC_MMAP_THRESHOLD_` pinned.
 *
 * Why: each sign-in hashes with argon2id (19 MiB) on one of libuv's worker threads. glibc raises its
 * mmap threshold after the first such block is freed, so later ones come from the thread's arena and
 * stay resident after `free`: about 20 MB per worker thread, 80 MB after four sign-ins, measured on
 * the API (docs/PERFORMANCE.md). With the threshold pinned, large blocks are mapped and unmapped.
 * Elsewhere (macOS, Windows, musl) nothing happens.
 */
export const MALLOC_MMAP_THRESHOLD = '131072';

if (process.platform === 'linux' && process.env.MALLOC_MMAP_THRESHOLD_ === undefined && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    ...process.env,
    MALLOC_MMAP_THRESHOLD_: MALLOC_MMAP_THRESHOLD,
  });
}
