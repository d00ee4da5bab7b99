#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `fedikit-sandbox [--port 4871] [--examples [--examples-port 4870]]`: the sandbox instance, and with
// --examples the examples site that `npm start` opens. Offline; never reads ../shared.
import { fileURLToPath } from 'node:url';
import { createExamplesServer } from './examples-server.js';
import { parseArgs, usage, type CliOptions } from './cli-args.js';
import { ListenError } from './http-util.js';
import { createSandbox } from './server.js';

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
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

  if (options.examples) {
    // packages/sandbox/dist/cli.js → the repository root is three levels up.
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const site = await createExamplesServer({
      root: `${repo}examples`,
      cdn: `${repo}packages/elements/cdn`,
      sandboxOrigin: sandbox.url,
      port: options.examplesPort,
    }).catch(async (e: unknown) => {
      await sandbox.close();
      return inUse(e, '--examples-port');
    });
    closers.push(site.close);
    console.log(`Fedikit examples: ${site.url}/  (sandbox instance: ${sandbox.url})`);
  } else {
    console.log(`Fedikit sandbox instance: ${sandbox.url}/`);
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

await main();
