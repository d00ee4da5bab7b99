// Starts a real local AT Protocol network (PLC + PDS + Bluesky AppView, from @atproto/dev-env) on a
// private PostgreSQL cluster, both on loopback, runs a command against it, and tears everything down
// afterwards, also when the command fails or the run is interrupted.
//
//   node scripts/atproto-network.mjs run -- CMD [ARGS...]   up, CMD with ATPROTO_FIXTURES set, down;
//                                                           exits with CMD's code
//   node scripts/atproto-network.mjs serve                  up, print the addresses, wait for Ctrl-C
//   node scripts/atproto-network.mjs install                only install what is missing
//
// What it needs, and does when it is missing:
// - Node 22: the one running this script (npm scripts use the pinned one in node_modules/.bin). The
//   network runs as a child process on that same Node, from test/atproto/harness/node_modules.
// - test/atproto/harness/node_modules: installed with `npm ci` from its own pinned lockfile, with
//   npm_config_nodedir pointing at this Node's headers so that better-sqlite3 compiles for it (its
//   prebuilt download is not reachable here, and a user npmrc may point node-gyp at an older Node).
// - PostgreSQL server binaries (Debian's `postgresql`): installed with apt-get when run as root,
//   otherwise the script stops and prints the one command to run. PG_BIN overrides the search.
//
// Env: ATPROTO_NETWORK_PORTS="pg,plc,pds,appview,log" fixes the ports (default: free ones);
// ATPROTO_NETWORK_TIMEOUT start timeout in seconds (default 180).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync, openSync, closeSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const harness = join(root, 'test', 'atproto', 'harness');
const t0 = performance.now();
const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
const say = (msg) => console.error(`[atproto-network ${secs()}s] ${msg}`);
const isRoot = process.getuid?.() === 0;

class Stop extends Error {}

/** Tears down whatever is up so far; set as soon as the run folder exists. */
let teardown = async () => undefined;

/** The newest PostgreSQL server binaries: PG_BIN, or Debian's /usr/lib/postgresql/N/bin. */
function pgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function ensurePostgres() {
  let bin = pgBin();
  if (bin && existsSync(join(bin, 'initdb'))) return bin;
  if (process.env.PG_BIN) throw new Stop(`PG_BIN=${process.env.PG_BIN} holds no initdb.`);
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    say('PostgreSQL not found: installing Debian’s postgresql with apt-get (once)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
    bin = pgBin();
    if (bin) return bin;
  }
  throw new Stop(
    'The AT Protocol integration tests need the PostgreSQL server. Install it with:\n' +
      '  sudo apt-get install -y postgresql\n' +
      '(or point PG_BIN at a folder holding initdb, pg_ctl and postgres)',
  );
}

/** Whether the harness's node_modules were installed from this lockfile for this Node. */
function harnessStamp() {
  const lock = readFileSync(join(harness, 'package-lock.json'));
  return createHash('sha256')
    .update(lock)
    .update(`${process.version} ${process.versions.modules}`)
    .digest('hex');
}
const stampFile = join(harness, 'node_modules', '.fedikit-harness');

function sqliteWorks() {
  const r = spawnSync(
    process.execPath,
    ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"],
    { cwd: harness, stdio: 'pipe' },
  );
  return r.status === 0;
}

function ensureHarness() {
  const stamp = harnessStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  if (Number(process.versions.node.split('.')[0]) < 22)
    throw new Stop(`The AT Protocol network needs Node 22; this is ${process.version}.`);
  // node-gyp builds better-sqlite3 against these headers: this Node's, whatever a npmrc says.
  const nodedir = resolve(dirname(process.execPath), '..');
  if (!existsSync(join(nodedir, 'include', 'node', 'node.h')))
    throw new Stop(`No Node headers in ${nodedir}/include/node: better-sqlite3 cannot be built.`);
  say(`installing test/atproto/harness (npm ci on Node ${process.version}; about 90 s, once)`);
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
    npm_config_nodedir: nodedir,
  };
  const npm = (...args) =>
    execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: harness,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  npm('ci');
  // npm 11 warns that install scripts are "not yet covered by allowScripts". Should a future npm
  // skip them, better-sqlite3 would be missing its binary: check, and build it explicitly if so.
  if (!sqliteWorks()) {
    say('better-sqlite3 did not build during install: rebuilding it');
    npm('rebuild', 'better-sqlite3', '--foreground-scripts');
    if (!sqliteWorks()) throw new Stop('better-sqlite3 does not load after a rebuild.');
  }
  writeFileSync(stampFile, stamp);
  say('harness installed');
}

async function freePort() {
  const s = net.createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root (initdb refuses root). */
function pgTool(bin, tool, args, opts = {}) {
  const cmd = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  return execFileSync(cmd[0], cmd[1], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

/** One network: a run folder, a Postgres cluster and the network process. `down()` is idempotent. */
async function up() {
  const bin = ensurePostgres();
  ensureHarness();
  const run = mkdtempSync(join(tmpdir(), 'fedikit-atproto-'));
  // The postgres user must reach its data folder inside.
  chmodSync(run, 0o755);
  const state = { run, bin, pgData: join(run, 'pg'), child: undefined, ready: false };
  // Idempotent: a signal and the normal end may both ask; both wait for the same teardown.
  let downing;
  const down = () => (downing ??= stop());
  const stop = async () => {
    const t = performance.now();
    const child = state.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      // A network still starting may be deep in synchronous module loading, deaf to SIGTERM for
      // seconds; all it holds is in the run folder and the cluster, both thrown away: kill it.
      child.kill(state.ready ? 'SIGTERM' : 'SIGKILL');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await once(child, 'exit').catch(() => undefined);
      clearTimeout(timer);
    }
    if (existsSync(join(state.pgData, 'postmaster.pid'))) {
      try {
        pgTool(bin, 'pg_ctl', ['-D', state.pgData, '-m', 'immediate', '-w', 'stop']);
      } catch (e) {
        say(`pg_ctl stop failed: ${e.stderr ?? e}`);
      }
    }
    rmSync(run, { recursive: true, force: true });
    say(
      `network and PostgreSQL stopped, ${run} removed (${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
  };
  state.down = down;
  teardown = down;
  try {
    const ports = (process.env.ATPROTO_NETWORK_PORTS ?? '').split(',').map(Number);
    const pgPort = ports[0] || (await freePort());
    const tPg = performance.now();
    execFileSync('mkdir', ['-p', state.pgData, join(run, 'tmp'), join(run, 'out')]);
    if (isRoot) execFileSync('chown', ['postgres:', state.pgData]);
    pgTool(bin, 'initdb', [
      '-D',
      state.pgData,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    // A throwaway cluster: durability off, socket in the run folder, TCP on loopback only.
    const options = [
      `-c listen_addresses=127.0.0.1 -p ${pgPort} -k ${state.pgData}`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
    ].join(' ');
    pgTool(bin, 'pg_ctl', [
      '-D',
      state.pgData,
      '-l',
      join(state.pgData, 'server.log'),
      '-w',
      '-o',
      options,
      'start',
    ]);
    say(
      `PostgreSQL up on 127.0.0.1:${pgPort} in ${((performance.now() - tPg) / 1000).toFixed(1)} s (${bin})`,
    );

    const logFile = join(run, 'network.log');
    const logFd = openSync(logFile, 'a');
    const child = spawn(process.execPath, [join(harness, 'network.mjs')], {
      cwd: harness,
      stdio: ['ignore', logFd, logFd, 'ipc'],
      env: {
        ...process.env,
        DB_POSTGRES_URL: `postgresql://postgres@127.0.0.1:${pgPort}/postgres`,
        // dev-env writes PDS databases and blobs under os.tmpdir() and never deletes them.
        TMPDIR: join(run, 'tmp'),
        ATPROTO_OUT: join(run, 'out'),
        ATPROTO_PORTS: ports.slice(1).join(','),
      },
    });
    closeSync(logFd);
    state.child = child;
    const timeout = Number(process.env.ATPROTO_NETWORK_TIMEOUT) || 180;
    const fixtures = await new Promise((resolveReady, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no network after ${timeout} s`)),
        timeout * 1000,
      );
      child.on('message', (m) => {
        clearTimeout(timer);
        if (m?.ready) resolveReady(m.ready);
        else reject(new Error(m?.error ?? 'network failed'));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`network process exited (${signal ?? code}) before it was ready`));
      });
    }).catch((e) => {
      const tail = existsSync(logFile)
        ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')
        : '';
      throw new Error(`${e.message}\n--- network.log (last lines) ---\n${tail}`);
    });
    state.ready = true;
    const t = fixtures.timings;
    say(
      `network ready: import ${t.importS} s, start ${t.createS} s, seed ${t.seedS} s; AppView ${fixtures.urls.appview}, PDS ${fixtures.urls.pds}`,
    );
    return { ...state, fixtures, fixturesFile: join(run, 'out', 'fixtures.json') };
  } catch (e) {
    await down();
    throw e;
  }
}

/**
 * Makes SIGINT/SIGTERM/SIGHUP stop the command under test (when the signal was sent to this process
 * alone, not to the terminal's whole group) and tear the network down before exiting.
 */
function onSignals(running = () => undefined) {
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(sig, () => {
      say(`${sig}: tearing down`);
      const cmd = running();
      if (cmd && cmd.exitCode === null && cmd.signalCode === null) cmd.kill(sig);
      void teardown().finally(() => process.exit(code));
    });
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'install') {
    ensurePostgres();
    ensureHarness();
    return 0;
  }
  if (command === 'run') {
    const args = rest[0] === '--' ? rest.slice(1) : rest;
    if (!args.length)
      throw new Stop('usage: node scripts/atproto-network.mjs run -- CMD [ARGS...]');
    let cmd;
    onSignals(() => cmd);
    const net = await up();
    try {
      const tTests = performance.now();
      cmd = spawn(args[0], args.slice(1), {
        stdio: 'inherit',
        env: { ...process.env, ATPROTO_FIXTURES: net.fixturesFile },
      });
      const [code, signal] = await once(cmd, 'exit');
      say(
        `${args.join(' ')}: ${signal ?? `exit ${code}`} in ${((performance.now() - tTests) / 1000).toFixed(1)} s`,
      );
      return code ?? 1;
    } finally {
      await net.down();
    }
  }
  if (command === 'serve') {
    onSignals();
    const net = await up();
    console.log(JSON.stringify({ ...net.fixtures, fixturesFile: net.fixturesFile }, null, 2));
    say(`up; ATPROTO_FIXTURES=${net.fixturesFile}; Ctrl-C stops it`);
    await new Promise(() => undefined);
  }
  throw new Stop('usage: node scripts/atproto-network.mjs run -- CMD... | serve | install');
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Stop ? e.message : e);
    process.exit(1);
  },
);
