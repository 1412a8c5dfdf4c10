import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What the gateway alone needs to start: a secret shared with the subgraphs and a token key source. */
const STARTABLE: NodeJS.ProcessEnv = {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SUPERGRAPH_WATCH: 'false',
  INTERNAL_TOKEN_SECRET: 'start-up-test-internal-token-secret',
  JWT_SECRET: 'start-up-test-jwt-secret-of-32-characters',
  JWKS_PATH: '',
  JWKS_URL: '',
  ALLOW_ANONYMOUS_ONLY: '',
};

/** Starts the entry point and resolves once it is ready (then stops it) or has exited. */
function startUntilReady(env: NodeJS.ProcessEnv): Promise<{ ready: boolean; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], { cwd: root, env: { ...process.env, ...STARTABLE, ...env } });
    let stdout = '';
    let stderr = '';
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!ready && stdout.includes('Gateway ready at')) {
        ready = true;
        // Time for the lines printed right after "ready" before stopping it.
        setTimeout(() => child.kill('SIGTERM'), 300);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ ready, code, stdout, stderr }));
  });
}

/** Runs `npm run start:gateway`'s entry point and returns how it ended. */
function startGateway(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'gateway/main.ts'],
      {
        cwd: root,
        env: { ...process.env, ...STARTABLE, ...env },
        timeout: 30_000,
      },
      (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

describe('starting the gateway alone', () => {
  it('stops with one clear line when the supergraph file is missing', async () => {
    const missing = join(tmpdir(), 'no-such-supergraph.graphql');
    const { code, stderr } = await startGateway({ SUPERGRAPH_PATH: missing });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`Gateway did not start (supergraph ${missing}): ENOENT: no such file or directory, open '${missing}'`);
  });

  it('stops with one clear line when the file is not a supergraph', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bad-supergraph-')), 'supergraph.graphql');
    writeFileSync(file, 'type Query { hello: String }');
    const { code, stderr } = await startGateway({ SUPERGRAPH_PATH: file });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Gateway did not start .*Invalid supergraph/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['CORS_ORIGINS', 'example.com'],
    ['CATALOG_URL', 'not-a-url'],
    ['JWKS_URL', 'id.example/jwks.json'],
    ['JWT_MAX_TOKEN_AGE', 'forever'],
  ])('stops with the configuration error, no stack, when %s=%s', async (variable, value) => {
    const { code, stderr } = await startGateway({ JWT_SECRET: variable === 'JWKS_URL' ? '' : STARTABLE.JWT_SECRET, [variable]: value });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['Invalid gateway configuration:', expect.stringMatching(new RegExp(`^  ${variable}: `))]);
  });

  it('refuses to start without a token key source, naming the variables', async () => {
    const { code, stderr } = await startGateway({ JWT_SECRET: '' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/no token key source.*JWKS_URL, JWKS_PATH or JWT_SECRET.*ALLOW_ANONYMOUS_ONLY=true/)]);
  });

  it('starts without a key source when ALLOW_ANONYMOUS_ONLY=true, and says so', async () => {
    const { ready, stdout, stderr } = await startUntilReady({ JWT_SECRET: '', ALLOW_ANONYMOUS_ONLY: 'true' });
    expect(ready).toBe(true);
    expect(stdout).toMatch(/Gateway ready at/);
    expect(stderr).toMatch(/anonymous callers only, every bearer token gets 401/);
  }, 30_000);

  it('starts with a key source and no warning', async () => {
    const { ready, stderr } = await startUntilReady({});
    expect(ready).toBe(true);
    expect(stderr).not.toMatch(/anonymous callers only/);
  }, 30_000);

  it('names the bad option when the configuration is invalid', async () => {
    const { code, stderr } = await startGateway({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
  });
});
