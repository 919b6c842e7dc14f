import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './app-server.js';

export const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

export interface Haproxy {
  port: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy in front of API instances on loopback, as a production set-up would have it:
 * round robin, each instance health-checked on /api/ready, a request whose connection failed or
 * got no answer retried on another instance (the API's Idempotency-Key makes that safe for writes),
 * and the client's address appended to X-Forwarded-For (the API trusts one hop: TRUST_PROXY=1).
 */
export async function startHaproxy(upstreamPorts: number[]): Promise<Haproxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-haproxy-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'haproxy.cfg'), `
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch
  retry-on conn-failure empty-response
frontend web
  bind 127.0.0.1:${port}
  option forwardfor
  default_backend api
backend api
  balance roundrobin
  option http-buffer-request
  option httpchk GET /api/ready
  http-check expect status 200
${upstreamPorts.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check inter 300 fall 2 rise 2`).join('\n')}
`);
  let output = '';
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', path.join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`HAProxy exited with ${child.exitCode}: ${output}`);
    if (await fetch(`${url}/api/ready`).then((r) => r.status === 200, () => false)) break;
    if (i > 100) {
      await stop();
      throw new Error(`HAProxy did not pass a request to an instance within 20 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url, output: () => output, stop };
}
