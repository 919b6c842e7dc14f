import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

const FLOOD = 48;

/**
 * argon2 runs on libuv's thread pool, which also reads the web app's files: a flood of sign-ins
 * once kept the app from loading for 12 s. Hashes are bounded (two at a time), so a file is served
 * while the flood is still being worked through.
 */
describe('a flood of sign-ins', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-flood-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Attune</title>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log("attune");\n'.repeat(2000));
    t = await createTestApp('sign_in_flood', { WEB_DIST_DIR: webDir, LOGIN_THROTTLE_LIMIT: '100000' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('keeps serving the web app\'s files while the sign-ins wait their turn', async () => {
    const server = t.app.getHttpServer();
    // warm up: the dummy hash of unknown addresses exists, the file system cache holds the file
    await request(server).post('/api/auth/login').send({ email: 'warm@example.test', password: 'warming up' });
    expect((await request(server).get('/assets/app.js')).status).toBe(200);

    const finished: Array<{ what: string; status: number }> = [];
    const flood = Array.from({ length: FLOOD }, (_, i) =>
      request(server).post('/api/auth/login').send({ email: `flood${i}@example.test`, password: `guess ${i}` })
        .then((res) => finished.push({ what: 'sign-in', status: res.status })));
    // the flood is under way (its first answers came) before the page asks for its script
    while (!finished.some((f) => f.what === 'sign-in')) await new Promise((resolve) => setTimeout(resolve, 5));
    const asset = request(server).get('/assets/app.js').then((res) => finished.push({ what: 'asset', status: res.status }));
    await Promise.all([...flood, asset]);

    const assetAt = finished.findIndex((f) => f.what === 'asset');
    expect(finished[assetAt]!.status).toBe(200);
    const signInsBefore = finished.slice(0, assetAt).length;
    process.stdout.write(`static file answered after ${signInsBefore} of ${FLOOD} concurrent sign-ins\n`);
    // before the bound the file waited behind nearly every hash; now most of the flood is still waiting
    expect(signInsBefore).toBeLessThan(FLOOD / 2);
    expect(finished.filter((f) => f.what === 'sign-in').map((f) => f.status).every((s) => s === 401 || s === 503)).toBe(true);
  });
});
