#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `fedikit-sandbox [--port 4871] [--examples [--examples-port 4870]]`: the sandbox instance, and with
// --examples the examples site that `npm start` opens. Offline; never reads ../shared.
import { fileURLToPath } from 'node:url';
import { createExamplesServer } from './examples-server.js';
import { ListenError } from './http-util.js';
import { createSandbox } from './server.js';

interface CliOptions {
  port: number;
  examples: boolean;
  examplesPort: number;
}

function usage(): string {
  return 'Usage: fedikit-sandbox [--port 4871] [--examples [--examples-port 4870]]';
}

function parsePort(flag: string, value: string | undefined): number {
  const port = Number(value);
  if (!value || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} needs a port number between 0 and 65535.`);
  }
  return port;
}

/** Parses the command line (exported for tests). */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 4871, examples: false, examplesPort: 4870 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--port') options.port = parsePort('--port', value());
    else if (flag === '--examples') options.examples = true;
    else if (flag === '--examples-port') options.examplesPort = parsePort('--examples-port', value());
    else if (flag === '--help' || flag === '-h') {
      console.log(usage());
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}.\n${usage()}`);
  }
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
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

  const sandbox = await createSandbox({ port: options.port }).catch((e: unknown) => inUse(e, '--port'));
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
