// SPDX-License-Identifier: MIT
// Command-line parsing of `fedikit-proxy`, apart from cli.ts so tests can import it without
// starting a server.
import type { ProxyServerOptions } from './node.js';

/** Parsed command line of `fedikit-proxy`. */
export interface ProxyCliOptions {
  /** `--help` was given. */
  readonly help: boolean;
  /** `--config <file>`: a JSON file with the same settings (flags given too win). */
  readonly config?: string;
  /** Settings from flags. */
  readonly settings: ProxyCliSettings;
}

/**
 * The settings of the CLI, from flags or a JSON config file (same names). Tokens are never written
 * in either: `tokenEnv` names the environment variable that holds each host's token.
 */
export interface ProxyCliSettings {
  port?: number;
  hostname?: string;
  basePath?: string;
  origins?: string[];
  hosts?: string[];
  accounts?: string[];
  /** Host → name of the environment variable holding its read-only token. */
  tokenEnv?: Record<string, string>;
  media?: boolean;
  mediaHosts?: string[];
  /** Name of the environment variable holding the media signing key. */
  mediaSecretEnv?: string;
  ttl?: number;
  timeout?: number;
  appview?: string;
  publicUrl?: string;
  origin?: string;
  allowPrivateAddresses?: boolean | string[];
}

/** The `--help` text. */
export function usage(): string {
  return `Usage: fedikit-proxy [options]

Serves Fedikit's reads (threads, profiles, media pages) from your own origin.

  --config <file>            JSON file with the settings below (camelCase names, e.g.
                             {"hosts": ["mastodon.social"], "tokenEnv": {"pixelfed.social": "PF_TOKEN"}})
  --port <n>                 port to listen on (default 8787)
  --hostname <name>          interface to bind (default 127.0.0.1)
  --base <path>              path the reads are served under (default /fedikit)
  --host <host>              upstream host to allow, e.g. mastodon.social, *.example.org, bsky.app
                             (repeatable; at least one is required)
  --account <acct>           only this account's content: @user@host, a Bluesky handle or DID
                             (repeatable; default any account on the allowed hosts)
  --cors-origin <origin>     a site origin allowed to read cross-origin, or * (repeatable)
  --token <host>=<ENV_VAR>   send the read-only token in $ENV_VAR to <host> only (repeatable)
  --media                    proxy media too, rewriting media URLs in answers
  --media-host <host>        a media host whose files may be proxied unsigned (repeatable)
  --media-secret-env <VAR>   env variable with the media URL signing key (same on every instance)
  --ttl <seconds>            cache lifetime of answers (default 60)
  --timeout <ms>             deadline per upstream read (default 10000)
  --appview <url>            AT Protocol AppView (default Bluesky's public one)
  --public-url <url>         the proxy's public URL, e.g. https://example.com/fedikit
  --origin <origin>          the public origin requests arrive on (default from the Host header)
  --allow-private-host <host:port>
                             allow this one loopback/private upstream, e.g. a local sandbox
                             (repeatable; for local testing only)
  --allow-private-addresses  allow every loopback/private upstream address (tests only)
  -h, --help                 show this help`;
}

function num(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < min || n > max)
    throw new Error(`${flag} needs a whole number from ${min} to ${max}.`);
  return n;
}

function text(flag: string, value: string | undefined): string {
  if (!value) throw new Error(`${flag} needs a value.`);
  return value;
}

/** Parses the command line (exported for tests). */
export function parseArgs(argv: readonly string[]): ProxyCliOptions {
  const s: ProxyCliSettings = {};
  let help = false;
  let config: string | undefined;
  const push = (list: 'origins' | 'hosts' | 'accounts' | 'mediaHosts', value: string) =>
    (s[list] ??= []).push(value);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--config':
        config = text(flag, value());
        break;
      case '--port':
        s.port = num(flag, value(), 0, 65535);
        break;
      case '--hostname':
        s.hostname = text(flag, value());
        break;
      case '--base':
        s.basePath = text(flag, value());
        break;
      case '--host':
        push('hosts', text(flag, value()));
        break;
      case '--account':
        push('accounts', text(flag, value()));
        break;
      case '--cors-origin':
        push('origins', text(flag, value()));
        break;
      case '--token': {
        const pair = text(flag, value());
        const at = pair.indexOf('=');
        if (at < 1 || at === pair.length - 1)
          throw new Error('--token needs <host>=<ENV_VAR>, e.g. pixelfed.social=PIXELFED_TOKEN.');
        (s.tokenEnv ??= {})[pair.slice(0, at)] = pair.slice(at + 1);
        break;
      }
      case '--media':
        s.media = true;
        break;
      case '--media-host':
        push('mediaHosts', text(flag, value()));
        break;
      case '--media-secret-env':
        s.mediaSecretEnv = text(flag, value());
        break;
      case '--ttl':
        s.ttl = num(flag, value(), 0, 86_400);
        break;
      case '--timeout':
        s.timeout = num(flag, value(), 100, 120_000);
        break;
      case '--appview':
        s.appview = text(flag, value());
        break;
      case '--public-url':
        s.publicUrl = text(flag, value());
        break;
      case '--origin':
        s.origin = text(flag, value());
        break;
      case '--allow-private-addresses':
        s.allowPrivateAddresses = true;
        break;
      case '--allow-private-host': {
        const list = Array.isArray(s.allowPrivateAddresses) ? s.allowPrivateAddresses : [];
        s.allowPrivateAddresses = [...list, text(flag, value()).toLowerCase()];
        break;
      }
      default:
        throw new Error(`Unknown option ${arg}.\n\n${usage()}`);
    }
  }
  return { help, config, settings: s };
}

/**
 * The server options from the config file's settings, the flags (which win) and the environment
 * (which holds the tokens). Throws with a readable message on a missing host list or token.
 */
export function toServerOptions(
  file: ProxyCliSettings,
  flags: ProxyCliSettings,
  env: Readonly<Record<string, string | undefined>>,
): ProxyServerOptions {
  for (const name of ['origins', 'hosts', 'accounts', 'mediaHosts'] as const) {
    const list: unknown = file[name];
    if (list !== undefined && !(Array.isArray(list) && list.every((v) => typeof v === 'string')))
      throw new Error(`"${name}" in the config file should be a list of strings.`);
  }
  const s: ProxyCliSettings = { ...file, ...flags };
  if (!s.hosts?.length) throw new Error('Give at least one upstream host: --host <host>.');
  const tokens: Record<string, string> = {};
  for (const [host, name] of Object.entries(s.tokenEnv ?? {})) {
    const token = env[name];
    if (!token) throw new Error(`The token for ${host} should be in $${name}, which is empty.`);
    tokens[host] = token;
  }
  const secret = s.mediaSecretEnv ? env[s.mediaSecretEnv] : undefined;
  if (s.mediaSecretEnv && !secret) throw new Error(`$${s.mediaSecretEnv} is empty.`);
  return {
    port: s.port ?? 8787,
    hostname: s.hostname,
    basePath: s.basePath,
    hosts: s.hosts,
    accounts: s.accounts,
    origins: s.origins,
    tokens,
    media: s.media ? { hosts: s.mediaHosts, secret } : false,
    ttl: s.ttl,
    timeout: s.timeout,
    appview: s.appview,
    publicUrl: s.publicUrl,
    origin: s.origin,
    allowPrivateAddresses: s.allowPrivateAddresses,
  };
}
