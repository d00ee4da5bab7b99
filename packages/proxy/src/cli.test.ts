// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { parseArgs, toServerOptions } from './cli-args.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./cli.js', import.meta.url));

describe('fedikit-proxy command line', () => {
  test('--help documents every flag parseArgs knows', async () => {
    const { stdout } = await run(process.execPath, [cli, '--help']);
    assert.match(stdout, /^Usage: fedikit-proxy/);
    for (const flag of [
      '--config',
      '--port',
      '--hostname',
      '--base',
      '--host',
      '--account',
      '--cors-origin',
      '--token',
      '--media',
      '--media-host',
      '--media-secret-env',
      '--ttl',
      '--timeout',
      '--appview',
      '--public-url',
      '--origin',
      '--allow-private-host',
      '--allow-private-addresses',
    ])
      assert.ok(stdout.includes(flag), flag);
  });

  test('flags, repeatable lists, and tokens read from the environment', () => {
    const cli = parseArgs([
      '--port=9000',
      '--host',
      'pixelfed.social',
      '--host',
      'bsky.app',
      '--account',
      '@artist@pixelfed.social',
      '--cors-origin',
      'https://artist.example',
      '--token',
      'pixelfed.social=PF_TOKEN',
      '--media',
      '--base',
      '/social',
    ]);
    const options = toServerOptions({ ttl: 120, hosts: ['ignored.example'] }, cli.settings, {
      PF_TOKEN: 'abc123',
    });
    assert.equal(options.port, 9000);
    assert.deepEqual(options.hosts, ['pixelfed.social', 'bsky.app']);
    assert.deepEqual(options.accounts, ['@artist@pixelfed.social']);
    assert.deepEqual(options.origins, ['https://artist.example']);
    assert.deepEqual(options.tokens, { 'pixelfed.social': 'abc123' });
    assert.equal(options.ttl, 120, 'from the config file');
    assert.equal(options.basePath, '/social');
    assert.deepEqual(options.media, { hosts: undefined, secret: undefined });
  });

  test('readable errors: unknown flag, no host, an empty token variable', async () => {
    assert.throws(() => parseArgs(['--nope']), /Unknown option --nope/);
    assert.throws(() => parseArgs(['--port', 'x']), /--port needs a whole number/);
    assert.throws(() => parseArgs(['--token', 'host-only']), /<host>=<ENV_VAR>/);
    assert.throws(() => toServerOptions({}, {}, {}), /at least one upstream host/);
    assert.throws(
      () => toServerOptions({ hosts: 'a.example' as never }, {}, {}),
      /"hosts" in the config file should be a list/,
    );
    assert.throws(
      () => toServerOptions({}, { hosts: ['a.example'], tokenEnv: { 'a.example': 'T' } }, {}),
      /\$T, which is empty/,
    );
    await assert.rejects(
      run(process.execPath, [cli, '--port', '0']),
      (e: { code?: number; stderr?: string }) =>
        e.code === 2 && /upstream host/.test(e.stderr ?? ''),
    );
  });
});
