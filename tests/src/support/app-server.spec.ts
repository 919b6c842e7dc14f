import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { apiNodeFlags, REPO_ROOT } from './app-server';

describe("the API's Node flags (npm start's, used by the tests and the benchmarks)", () => {
  it('are read from the start script and accepted by this Node', () => {
    const flags = apiNodeFlags();
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
    const run = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('are the ones the Docker image starts the API with', () => {
    const dockerfile = fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...apiNodeFlags(), 'api/dist/main.js']);
  });
});

describe("the API's allocator settings (api/src/runtime/malloc-settings.ts, imported first by main.ts)", () => {
  const script = path.join(REPO_ROOT, 'api', 'dist', 'runtime', 'malloc-settings.js');
  const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(script)}); process.stdout.write(JSON.stringify([process.env.MALLOC_MMAP_THRESHOLD_ ?? null, process.argv.slice(1)]))`, 'an-argument'], { encoding: 'utf8', env });

  (process.platform === 'linux' ? it : it.skip)('re-execute the process on Linux with the mmap threshold pinned, keeping its arguments', () => {
    const { MALLOC_MMAP_THRESHOLD_: _unset, ...env } = process.env;
    const result = run(env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['131072', ['an-argument']]);
  });

  it('leave a threshold the operator set alone', () => {
    expect(JSON.parse(run({ ...process.env, MALLOC_MMAP_THRESHOLD_: '262144' }).stdout)).toEqual(['262144', ['an-argument']]);
  });
});
