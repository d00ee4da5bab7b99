#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `fedikit-sandbox [--port 4871] [--pixelfed-port 4874] [--pixelfed-open] [--examples
// [--examples-port 4870] [--home-port 4872] [--home2-port 4873]]`: the sandbox instance and its
// Pixelfed mode, and with --examples the examples site that `npm start` opens plus two readers'
// home servers for the follow and share flows. Offline; never reads ../shared. `npm start` runs it
// through scripts/start.mjs, which passes a hook that mounts the proxy on the examples site (the
// sandbox may import only core, so it cannot do that itself).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createExamplesServer, type ExamplesIntercept } from './examples-server.js';
import { createHomeServer } from './home-server.js';
import { parseArgs, usage, type CliOptions } from './cli-args.js';
import { ListenError } from './http-util.js';
import { createPixelfedSandbox } from './pixelfed.js';
import { PIXELFED_SEED } from './seed-pixelfed.js';
import { createSandbox } from './server.js';

/** What a script that starts the sandbox CLI may add. */
export interface SandboxCliHooks {
  /**
   * Called once the sandbox listens, with its origin and its Pixelfed mode's origin and read token:
   * returns a hook that sees every request of the examples site first, and a line for the banner.
   */
  readonly examples?: (
    sandboxUrl: string,
    pixelfed: { readonly url: string; readonly token: string },
  ) => { intercept: ExamplesIntercept; banner?: string };
}

/** Runs the `fedikit-sandbox` command with `argv` (without `node` and the script). */
export async function runSandboxCli(
  argv: readonly string[],
  hooks: SandboxCliHooks = {},
): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage());
    return;
  }
  const closers: (() => Promise<void>)[] = [];
  const inUse = (error: unknown, flag: string): never => {
    if (error instanceof ListenError && error.code === 'EADDRINUSE') {
      console.error(
        `Port ${error.port} is already in use. Stop whatever is using it, or pick another port with ${flag} <port>.`,
      );
    } else {
      console.error((error as Error).message);
    }
    process.exit(1);
  };

  const sandbox = await createSandbox({ port: options.port }).catch((e: unknown) =>
    inUse(e, '--port'),
  );
  closers.push(sandbox.close);
  // What is running so far, stopped before exiting when a later port is busy.
  const abort = async (e: unknown, flag: string): Promise<never> => {
    await Promise.all(closers.map((close) => close()));
    return inUse(e, flag);
  };
  // Pixelfed mode: the token wall (unless --pixelfed-open), with CORS on its API so that a page
  // trying it directly gets a clean 401 rather than a network error.
  const pixelfed = await createPixelfedSandbox({
    port: options.pixelfedPort,
    open: options.pixelfedOpen,
    cors: true,
  }).catch((e: unknown) => abort(e, '--pixelfed-port'));
  closers.push(pixelfed.close);
  const pixelfedBanner = (): void => {
    console.log(
      `Pixelfed mode: ${pixelfed.url}/  (${pixelfed.open ? 'open to anonymous readers' : `API token: ${pixelfed.token}`}; ` +
        `e.g. ${pixelfed.url}${PIXELFED_SEED.account.profilePath}, ${pixelfed.url}${PIXELFED_SEED.collection.path})`,
    );
  };

  if (options.examples) {
    // Two readers' home servers, so the follow and share buttons can be tried offline.
    const home = await createHomeServer({
      port: options.homePort,
      software: 'mastodon',
      intents: true,
    }).catch((e: unknown) => abort(e, '--home-port'));
    closers.push(home.close);
    const home2 = await createHomeServer({
      port: options.home2Port,
      software: 'friendica',
      intents: false,
      subscribe: true,
    }).catch((e: unknown) => abort(e, '--home2-port'));
    closers.push(home2.close);

    // packages/sandbox/dist/cli.js → the repository root is three levels up.
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const extra = hooks.examples?.(sandbox.url, pixelfed);
    const site = await createExamplesServer({
      intercept: extra?.intercept,
      root: `${repo}examples`,
      cdn: `${repo}packages/elements/cdn`,
      sandboxOrigin: sandbox.url,
      homeOrigins: [home.url, home2.url],
      pixelfedOrigin: pixelfed.url,
      port: options.examplesPort,
    }).catch((e: unknown) => abort(e, '--examples-port'));
    closers.push(site.close);
    console.log(`Fedikit examples: ${site.url}/  (sandbox instance: ${sandbox.url})`);
    pixelfedBanner();
    console.log("Readers' home servers, for the follow and share buttons (type one when asked):");
    console.log(`  ${home.url}  a Mastodon 4.6-like home with FEP-3b86 intents`);
    console.log(`  ${home2.url}  a Friendica-like home without intents`);
    if (extra?.banner) console.log(extra.banner);
  } else {
    console.log(`Fedikit sandbox instance: ${sandbox.url}/`);
    pixelfedBanner();
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    Promise.all(closers.map((close) => close())).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run as the command, not when a script imports runSandboxCli.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url))
  await runSandboxCli(process.argv.slice(2));
