import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from '../support/app-server.js';
import { DEMO_PASSWORD, demoEmail, startDemoApp, type DemoApp } from '../security/harness.js';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes on the wire, not decoded. */
  body: Buffer;
}

/** A GET that shows what travels: no client here decodes the body for us. */
function rawGet(base: string, url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http.get(new URL(url, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function decode(answer: RawAnswer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return zlib.gunzipSync(answer.body);
  return answer.body;
}

const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');

/** How the built web app and the API's answers reach a browser on a slow phone network. */
describe('delivery of the web app and the API', () => {
  let demo: DemoApp;
  let mainScript: string;
  beforeAll(async () => {
    const index = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    mainScript = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    demo = await startDemoApp('delivery', { WEB_DIST_DIR: WEB_DIST });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('sends the build\'s brotli copy of a script to a browser that accepts it, immutable and varying by encoding', async () => {
    const answer = await rawGet(demo.server, mainScript, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(answer.headers['content-type']).toMatch(/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const original = fs.readFileSync(path.join(WEB_DIST, mainScript));
    expect(answer.body.length).toBeLessThan(original.length / 2);
    expect(decode(answer).equals(original)).toBe(true);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that asks for no encoding', async () => {
    const original = fs.readFileSync(path.join(WEB_DIST, mainScript));
    const gzip = await rawGet(demo.server, mainScript, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decode(gzip).equals(original)).toBe(true);
    const plain = await rawGet(demo.server, mainScript, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('makes the browser revalidate index.html on every visit, for the app\'s own routes too', async () => {
    for (const url of ['/', '/index.html', '/portal']) {
      const answer = await rawGet(demo.server, url, { 'Accept-Encoding': 'br' });
      expect({ url, status: answer.status, cache: answer.headers['cache-control'] }).toEqual({ url, status: 200, cache: 'no-cache' });
      expect(decode(answer).toString('utf8')).toContain('<div id="root"></div>');
    }
  });

  it('answers robots.txt and the web manifest as themselves, not as the app\'s page', async () => {
    const robots = await rawGet(demo.server, '/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers['content-type']).toMatch(/^text\/plain/);
    expect(robots.body.toString('utf8')).toMatch(/^Disallow: \/$/m);
    const manifest = await rawGet(demo.server, '/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const parsed = JSON.parse(manifest.body.toString('utf8')) as { icons: Array<{ src: string; sizes: string; type: string }> };
    expect(parsed).toMatchObject({ name: 'Attune', start_url: '/', display: 'standalone' });
    // the PNG icons installers ask for, each a PNG of the size it claims (IHDR width and height)
    for (const size of [192, 512]) {
      const icon = parsed.icons.find((i) => i.sizes === `${size}x${size}`);
      expect(icon?.type).toBe('image/png');
      const png = await rawGet(demo.server, icon!.src);
      expect({ status: png.status, type: png.headers['content-type'], width: png.body.readUInt32BE(16), height: png.body.readUInt32BE(20) })
        .toEqual({ status: 200, type: 'image/png', width: size, height: size });
    }
  });

  it('compresses API answers over 1 KB for browsers that ask, and leaves small ones alone', async () => {
    const login = await demo.anonymous('post', '/api/auth/login').send({ email: demoEmail('therapist'), password: DEMO_PASSWORD });
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
    const big = await rawGet(demo.server, '/api/docs-json', { 'Accept-Encoding': 'gzip' });
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode(big).toString('utf8'))).toHaveProperty('openapi');
    const cases = await rawGet(demo.server, '/api/cases?range=[0,24]', { 'Accept-Encoding': 'br', Cookie: cookie });
    expect(cases.status).toBe(200);
    expect(cases.headers['content-encoding']).toBe('br');
    expect(cases.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(decode(cases).toString('utf8')).length).toBeGreaterThan(0);
    const small = await rawGet(demo.server, '/api/health', { 'Accept-Encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
