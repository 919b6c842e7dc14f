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
