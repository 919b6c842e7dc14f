import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bench-config.js';

export { apiNodeFlags, freePort } from '../support/app-server.js';

export interface StartedProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a node script and waits until `healthPath` answers 200. */
export async function startNodeServer(script: string, env: Record<string, string>, port: number, options: { nodeFlags?: string[]; healthPath?: string; timeoutMs?: number } = {}): Promise<StartedProcess> {
  const { nodeFlags = [], healthPath = '/api/health', timeoutMs = 600_000 } = options;
  let output = '';
  const child = spawn(process.execPath, [...nodeFlags, script], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${path.basename(script)} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}${healthPath}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${path.basename(script)} did not answer ${healthPath} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's resident memory every 250 ms until stopped; returns the peak. */
export function sampleRss(pid: number): { stop(): number | null } {
  let peak: number | null = null;
  const tick = () => {
    const v = rssMb(pid);
    if (v !== null && (peak === null || v > peak)) peak = v;
  };
  tick();
  const timer = setInterval(tick, 250);
  return { stop: () => { clearInterval(timer); tick(); return peak; } };
}

