import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run start:gateway`'s entry point and returns how it ended. */
function startGateway(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'gateway/main.ts'],
      {
        cwd: root,
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', INTERNAL_TOKEN_SECRET: 'start-up-test-internal-token-secret', ...env },
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

  it('names the bad option when the configuration is invalid', async () => {
    const { code, stderr } = await startGateway({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
  });
});
