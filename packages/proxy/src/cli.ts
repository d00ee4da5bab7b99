#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// `fedikit-proxy [options]`: the proxy as a small Node server. `--help` lists the options.
import { readFile } from 'node:fs/promises';
import { parseArgs, toServerOptions, usage, type ProxyCliSettings } from './cli-args.js';
import { createProxyServer } from './node.js';

async function main(): Promise<void> {
  let server;
  try {
    const cli = parseArgs(process.argv.slice(2));
    if (cli.help) {
      console.log(usage());
      return;
    }
    const file = cli.config
      ? (JSON.parse(await readFile(cli.config, 'utf8')) as ProxyCliSettings)
      : {};
    const options = toServerOptions(file, cli.settings, process.env);
    server = await createProxyServer(options);
    const base = `/${(options.basePath ?? 'fedikit').replace(/^\/+|\/+$/g, '')}`;
    console.log(`Fedikit proxy: ${server.url}${base}/  (hosts: ${options.hosts.join(', ')})`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
