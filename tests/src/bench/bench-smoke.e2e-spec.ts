import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from '../support/app-server.js';

/**
 * Keeps `npm run bench` from rotting: the real command, on a tiny network for a second per run.
 * It checks that the bench runs and writes its table with every hot path; it times nothing.
 */
describe('the benchmark', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-bench-smoke-'));
  const out = path.join(dataDir, 'PERFORMANCE.md');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('loads a tiny bench network, measures every hot path against the API and raw pg, and writes the table', async () => {
    const script = path.join(REPO_ROOT, 'tests', 'dist', 'bench', 'bench.js');
    expect(fs.existsSync(script)).toBe(true);
    const pgPort = await freePort();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      let text = '';
      const child = spawn(process.execPath, [script, '--scale', '0.001', '--duration', '1', '--warmup', '0', '--connections', '2', '--only', 'api',
        '--data-dir', path.join(dataDir, 'db'), '--pg-port', String(pgPort), '--out', out, '--quiet'], {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (c) => { text += c; });
      child.stderr.on('data', (c) => { text += c; });
      child.once('exit', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    expect({ code, tail: output.slice(-3000) }).toEqual({ code: 0, tail: expect.any(String) });

    const report = fs.readFileSync(out, 'utf8');
    expect(report).toContain('<!-- api-bench:start -->');
    const rows = report.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| endpoint') && !line.startsWith('| ---') && !line.startsWith('| calls') && !/^\| [\d,]+ \|/.test(line));
    expect(rows.map((line) => line.split(' | ')[0]!.slice(2))).toEqual([
      'Caseload list (open, one stage, sorted, 25 rows)',
      'Case progress series',
      'Review queue',
      'Dashboard',
      'Homework submission',
    ]);
  }, 300_000);
});
