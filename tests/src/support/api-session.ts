import { DEMO_PASSWORD } from './app-server.js';

/** A session signed in over HTTP: the cookie header to send and the XSRF token writes need. */
export interface HttpSession {
  cookie: string;
  xsrf: string;
  /** Both, as request headers: `{ Cookie, 'X-XSRF-TOKEN' }`. */
  headers: Record<string, string>;
}

/**
 * Signs in through `POST /api/auth/login` as a script would (no browser): the one way the fault
 * specs and the benches get a session. Throws, naming the person, when the answer is not 200.
 */
export async function signInOverHttp(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<HttpSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`Sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const xsrf = decodeURIComponent(cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '');
  const cookie = cookies.join('; ');
  return { cookie, xsrf, headers: { Cookie: cookie, 'X-XSRF-TOKEN': xsrf } };
}
