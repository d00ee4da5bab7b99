// SPDX-License-Identifier: MIT
// Command-line parsing of `fedikit-sandbox`, apart from cli.ts so tests can import it without
// starting servers.

/** Parsed options of the `fedikit-sandbox` command. */
export interface CliOptions {
  port: number;
  examples: boolean;
  examplesPort: number;
  /** Port of the first reader's home server (Mastodon 4.6-like, with FEP-3b86 intents). */
  homePort: number;
  /** Port of the second reader's home server (Friendica-like, without intents). */
  home2Port: number;
  /** Port of the Pixelfed-mode sandbox. */
  pixelfedPort: number;
  /** Serve the Pixelfed mode's API without a token. */
  pixelfedOpen: boolean;
  /** `--help` was given: print {@link usage} and exit. */
  help: boolean;
}

/** The one-line usage text. */
export function usage(): string {
  return 'Usage: fedikit-sandbox [--port 4871] [--pixelfed-port 4874] [--pixelfed-open] [--examples [--examples-port 4870] [--home-port 4872] [--home2-port 4873]]';
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
  const options: CliOptions = {
    port: 4871,
    examples: false,
    examplesPort: 4870,
    homePort: 4872,
    home2Port: 4873,
    pixelfedPort: 4874,
    pixelfedOpen: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? (arg.split('=', 2) as [string, string])
      : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--port') options.port = parsePort('--port', value());
    else if (flag === '--examples') options.examples = true;
    else if (flag === '--examples-port')
      options.examplesPort = parsePort('--examples-port', value());
    else if (flag === '--home-port') options.homePort = parsePort('--home-port', value());
    else if (flag === '--home2-port') options.home2Port = parsePort('--home2-port', value());
    else if (flag === '--pixelfed-port')
      options.pixelfedPort = parsePort('--pixelfed-port', value());
    else if (flag === '--pixelfed-open') options.pixelfedOpen = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`Unknown option ${arg}.\n${usage()}`);
  }
  return options;
}
