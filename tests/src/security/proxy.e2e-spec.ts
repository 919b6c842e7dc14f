import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, startDemoApp, type DemoApp } from './harness.js';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const SPOOFED = '198.51.100.77';

interface Answer {
  status: number;
  body: { id?: string; message?: string };
  cookies: string[];
}

/** A POST from a chosen loopback address (127.0.0.x), as a browser on another machine would reach the proxy. */
function postFrom(clientAddress: string, port: number, url: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: url, method: 'POST', localAddress: clientAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {}, cookies: ([] as string[]).concat(res.headers['set-cookie'] ?? []) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Debian's nginx in front of the API, appending the client's address to X-Forwarded-For as nginx is usually set up. */
async function startNginx(upstreamPort: number): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-nginx-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`);
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  // ready when it accepts connections
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = http.get({ host: '127.0.0.1', port, path: '/api/health' }, (res) => { res.resume(); resolve(true); });
      probe.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Behind a reverse proxy that appends to X-Forwarded-For, TRUST_PROXY=1 (one hop) makes the
 * address the proxy saw the client's: a client cannot pick another one by sending the header itself,
 * neither to slip past the per-address sign-in throttle nor to write an address into the audit trail.
 */
describe('behind one reverse proxy (nginx, TRUST_PROXY=1)', () => {
  let t: DemoApp;
  let proxy: Awaited<ReturnType<typeof startNginx>>;
  beforeAll(async () => {
    t = await startDemoApp('proxy', { TRUST_PROXY: '1', LOGIN_THROTTLE_LIMIT: '3' });
    proxy = await startNginx(Number(new URL(t.server).port));
  });
  afterAll(async () => {
    await proxy?.stop();
    await t?.close();
  });

  it('throttles sign-ins by the address the proxy saw, whatever X-Forwarded-For the client sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await postFrom('127.0.0.5', proxy.port, '/api/auth/login', { email: `nobody${i}@example.test`, password: 'not a password' },
        { 'X-Forwarded-For': `198.51.100.${10 + i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // another client behind the same proxy is not throttled with it
    expect((await postFrom('127.0.0.6', proxy.port, '/api/auth/login', { email: 'nobody@example.test', password: 'not a password' })).status).toBe(401);
  });

  it('records the address the proxy saw in the audit trail and the session, not the one the client wrote', async () => {
    const res = await postFrom('127.0.0.7', proxy.port, '/api/auth/login', { email: 'therapist@attune.test', password: 'attune-demo' },
      { 'X-Forwarded-For': SPOOFED });
    expect(res.status).toBe(200);
    const [session] = await t.dataSource.query(`SELECT ip FROM login_sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [res.body.id]);
    expect(session.ip).toBe('127.0.0.7');
    const [audit] = await t.dataSource.query(`SELECT ip FROM audit_events WHERE actor_id = $1 AND action = 'login' ORDER BY id DESC LIMIT 1`, [res.body.id]);
    expect(audit.ip).toBe('127.0.0.7');
    const spoofed = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE ip LIKE '198.51.100.%'`);
    expect(spoofed[0].n).toBe(0);
  });
});
