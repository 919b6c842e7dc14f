import { z } from 'zod';

/**
 * Password rules (OWASP ASVS 5.0, V6.2): 8 to 128 characters, any characters (spaces and emoji
 * too), no composition rules, no truncation, and never one of the most common passwords.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/**
 * The most common passwords, ranked by frequency (about 49,000 from the xato corpus, shipped by
 * the `@zxcvbn-ts/language-common` package), in lower case. Loaded on first use through a dynamic
 * import, so a web bundle carries the list in a chunk of its own that only a password form loads.
 */
export function commonPasswordList(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    (m) => new Set(m.dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return commonPasswords;
}

/** Whether a password is on the list of the most common ones, ignoring letter case. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswordList()).has(password.toLowerCase());
}

/** Length in characters as a person counts them (code points, so an emoji is one). */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** The length rule alone, at once (for a form's first check). */
export function passwordLengthProblem(password: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  return null;
}

export const COMMON_PASSWORD_MESSAGE = 'is one of the most commonly used passwords; choose one that is harder to guess';

/**
 * What is wrong with a new password, in words for the person choosing it, or null when it is
 * acceptable. `contextWords` are words a guesser would try first (the email's name, the person's
 * name, the product's name); a password that is one of them with a few characters added is refused.
 */
export async function passwordProblem(password: string, contextWords: readonly string[] = []): Promise<string | null> {
  const lengthProblem = passwordLengthProblem(password);
  if (lengthProblem) return lengthProblem;
  if (await isCommonPassword(password)) return COMMON_PASSWORD_MESSAGE;
  const stripped = password.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  for (const word of contextWords) {
    const w = word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (w.length < 4) continue;
    // the word itself, or the word with a few characters added (e.g. "chen.jing2026")
    if (stripped.includes(w) && stripped.length - w.length < 6) return 'is too close to your name, email or the name of the service';
  }
  return null;
}

/**
 * The password rule as a zod schema, for the API's bodies and the web app's forms alike. The
 * common-password check is asynchronous (the list loads on first use): validate with
 * `safeParseAsync` (NestJS's standard-schema pipe does).
 */
export const passwordPolicySchema = z.string().superRefine(async (password, ctx) => {
  const problem = await passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
