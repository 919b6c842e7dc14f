import { z } from 'zod';

/**
 * zod compiles object parsers with `new Function` unless told not to; the page's CSP has no
 * `unsafe-eval`, so its probe is refused and reported as a violation. Interpreted parsing is fast
 * enough for forms. Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
