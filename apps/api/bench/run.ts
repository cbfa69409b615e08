/**
 * `pnpm bench`: Shelf's hot path against two baselines measured in the same run, on this machine.
 *
 * Every server runs in a process of its own, and so does the load generator (wrk, else autocannon).
 * For each scenario each server is warmed up, then measured in interleaved rounds (bare, minimal,
 * Shelf, bare, minimal, Shelf, ...) so drift on a shared machine hits them alike; the median round
 * of each server is reported, with every throughput as a ratio to both baselines.
 *
 *   pnpm bench            full run, ~12 min, results committed from it
 *   pnpm bench --quick    about a minute, for a quick look
 *   pnpm bench --smoke    every scenario for 1 s: exits 1 if a server fails or a request is non-2xx (CI)
 *   options: --rounds=N --duration=S --connections=N --load=wrk|autocannon --features (per-feature
 *            cost, on by default in the full run) --no-features
 *            --workers-database-url=postgres://... (API_WORKERS=2 against 1 on that database, which
 *            Shelf migrates and adds a bench user and a few books to; SQLite refuses several workers)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import type { CapturedResponse } from './baseline-server.js';
import { chooseLoadTool, runLoad, type LoadResult, type LoadSpec, type LoadTool } from './load.js';
import { freePort, readTreeRssMb, startServer, type ServerProcess } from './processes.js';
import {
  describeMachine,
  fileTimestamp,
  formatMs,
  formatNumber,
  formatRatio,
  machineLine,
  median,
  progress,
  verdict,
  writeResults,
  type Machine,
} from './report.js';
import {
  BENCH_ORIGIN,
  BENCH_PASSWORD,
  BENCH_USERNAME,
  BOOK_BODY_TEMPLATE,
  createBooks,
  login,
  loginOrRegister,
  shelfEnv,
  startShelf,
} from './shelf.js';

type Profile = 'smoke' | 'quick' | 'full';

interface Settings {
  profile: Profile;
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  stormClients: number;
  seedBooks: number;
  withFeatures: boolean;
  /** The PostgreSQL database the API_WORKERS=2 vs 1 scenario runs on; skipped without one. */
  workersDatabaseUrl: string | undefined;
  tool: LoadTool;
}

const readSettings = (): Settings => {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      features: { type: 'boolean' },
      'no-features': { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      load: { type: 'string' },
      'workers-database-url': { type: 'string' },
    },
  });
  const profile: Profile = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const defaults = {
    smoke: { rounds: 1, durationSeconds: 1, warmupSeconds: 0 },
    quick: { rounds: 2, durationSeconds: 2, warmupSeconds: 1 },
    full: { rounds: 5, durationSeconds: 8, warmupSeconds: 3 },
  }[profile];
  return {
    profile,
    rounds: Number(values.rounds ?? defaults.rounds),
    durationSeconds: Number(values.duration ?? defaults.durationSeconds),
    warmupSeconds: defaults.warmupSeconds,
    connections: Number(values.connections ?? 32),
    stormClients: 20,
    seedBooks: 500,
    withFeatures: values['no-features'] ? false : (values.features ?? profile === 'full'),
    workersDatabaseUrl: values['workers-database-url'],
    tool: chooseLoadTool(values.load),
  };
};

/** One server measured in a scenario: what it is and the load it gets. */
interface Target {
  label: string;
  server: ServerProcess;
  spec: LoadSpec;
  /** A second load run alongside the measured one (the login storm); starts 1 s earlier. */
  background?: LoadSpec;
}

interface TargetSummary {
  label: string;
  rounds: LoadResult[];
  background: LoadResult[];
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
  rssMb?: number | undefined;
  booksWritten?: number;
}

interface ScenarioResult {
  id: string;
  title: string;
  targets: TargetSummary[];
}

const summarize = (
  label: string,
  rounds: LoadResult[],
  background: LoadResult[],
): TargetSummary => ({
  label,
  rounds,
  background,
  requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
  p50Ms: median(rounds.map((round) => round.p50Ms)),
  p99Ms: median(rounds.map((round) => round.p99Ms)),
  non2xx: [...rounds, ...background].reduce((total, round) => total + round.non2xx, 0),
  socketErrors: [...rounds, ...background].reduce((total, round) => total + round.socketErrors, 0),
});

const roundLine = (result: LoadResult) =>
  `${formatNumber(result.requestsPerSecond)} req/s, p50 ${formatMs(result.p50Ms)} ms, p99 ${formatMs(result.p99Ms)} ms` +
  (result.non2xx + result.socketErrors > 0
    ? `, ${result.non2xx} non-2xx, ${result.socketErrors} socket errors`
    : '');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the scenario's targets in interleaved rounds after one warm-up each. */
const measureScenario = async (
  settings: Settings,
  workDir: string,
  id: string,
  title: string,
  targets: Target[],
  hooks: { afterRound?: (target: Target, result: LoadResult) => void } = {},
): Promise<ScenarioResult> => {
  const measureOnce = async (target: Target, durationSeconds: number): Promise<LoadResult[]> => {
    if (!target.server.isRunning()) {
      throw new Error(`${target.server.name} has exited:\n${target.server.stderrTail()}`);
    }
    const spec = { ...target.spec, durationSeconds };
    if (target.background === undefined) return [await runLoad(settings.tool, spec, workDir)];
    const background = runLoad(
      settings.tool,
      { ...target.background, durationSeconds: durationSeconds + 2 },
      workDir,
    );
    await sleep(1000);
    const measured = await runLoad(settings.tool, spec, workDir);
    return [measured, await background];
  };

  if (settings.warmupSeconds > 0) {
    for (const target of targets) {
      progress(`[${id}] warm-up ${target.label}`);
      await measureOnce(target, settings.warmupSeconds);
    }
  }
  const rounds = new Map<Target, { measured: LoadResult[]; background: LoadResult[] }>(
    targets.map((target) => [target, { measured: [], background: [] }]),
  );
  for (let round = 1; round <= settings.rounds; round++) {
    for (const target of targets) {
      const [measured, background] = await measureOnce(target, settings.durationSeconds);
      if (measured === undefined) continue;
      const collected = rounds.get(target);
      collected?.measured.push(measured);
      if (background !== undefined) collected?.background.push(background);
      hooks.afterRound?.(target, measured);
      progress(
        `[${id}] round ${round}/${settings.rounds} ${target.label}: ${roundLine(measured)}` +
          (background === undefined ? '' : ` | storm: ${roundLine(background)}`),
      );
    }
  }
  return {
    id,
    title,
    targets: targets.map((target) => ({
      ...summarize(
        target.label,
        rounds.get(target)?.measured ?? [],
        rounds.get(target)?.background ?? [],
      ),
      rssMb: readTreeRssMb(target.server.pid),
    })),
  };
};

const capture = async (
  url: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<CapturedResponse> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${bytes.toString()}`);
  return {
    method,
    path: path.split('?')[0] ?? path,
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/json',
    bodyBase64: bytes.toString('base64'),
  };
};

const countBooks = (databasePath: string): number => {
  const db = new SQLite(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM books').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

interface RunResult {
  profile: Profile;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  settings: Omit<Settings, 'tool'>;
  scenarios: ScenarioResult[];
  skipped: { scenario: string; reason: string }[];
  failures: string[];
}

const findTarget = (results: ScenarioResult[], scenario: string, label: string) =>
  results
    .find((result) => result.id === scenario)
    ?.targets.find((target) => target.label === label);

const BARE = 'bare Express';
const MINIMAL = 'minimal';
const SHELF = 'Shelf';
const PG_ONE_WORKER = 'Shelf on PostgreSQL, API_WORKERS=1';
const PG_TWO_WORKERS = 'Shelf on PostgreSQL, API_WORKERS=2';
/**
 * Shelf with the four features a deployment may turn off (access logs, metrics, the API rate limit,
 * CORS work) off: what is left beside the minimal is what every request must do (security headers,
 * request id, Cache-Control, the token-version check, contract validation).
 */
const CORE = 'Shelf, logging, metrics, rate limit and CORS off';

const renderMarkdown = (run: RunResult): string => {
  const bareOf = (scenario: string) => findTarget(run.scenarios, scenario, BARE);
  const minimalOf = (scenario: string) => findTarget(run.scenarios, scenario, MINIMAL);
  const lines = [
    `### Shelf benchmark (${run.profile}), ${run.startedAt.slice(0, 10)}`,
    '',
    `Machine: ${machineLine(run.machine)}.`,
    `Load: ${run.settings.connections} connections, ${run.settings.rounds} interleaved round(s) of ${run.settings.durationSeconds} s per server after a ${run.settings.warmupSeconds} s warm-up; medians shown. Shelf: NODE_ENV=production, LOG_LEVEL=info to /dev/null, CORS, metrics on, rate limits set out of reach.`,
    '',
    '| Scenario | Server | req/s | vs bare | vs minimal | p50 ms | p99 ms | p99 vs bare | non-2xx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of run.scenarios) {
    // The workers and feature scenarios compare against the list scenario's baselines.
    const baselineScenario = ['workers', 'features', 'storm'].includes(scenario.id)
      ? 'list'
      : scenario.id;
    const bare = bareOf(baselineScenario);
    const minimal = minimalOf(baselineScenario);
    for (const target of scenario.targets) {
      lines.push(
        `| ${scenario.title} | ${target.label} | ${formatNumber(target.requestsPerSecond)} | ${formatRatio(
          bare === undefined ? undefined : target.requestsPerSecond / bare.requestsPerSecond,
        )} | ${formatRatio(
          minimal === undefined ? undefined : target.requestsPerSecond / minimal.requestsPerSecond,
        )} | ${formatMs(target.p50Ms)} | ${formatMs(target.p99Ms)} | ${formatRatio(
          bare === undefined ? undefined : target.p99Ms / bare.p99Ms,
        )} | ${target.non2xx + target.socketErrors} |`,
      );
    }
  }

  const shelfList = findTarget(run.scenarios, 'list', SHELF);
  const shelfGet = findTarget(run.scenarios, 'get', SHELF);
  const shelfPost = findTarget(run.scenarios, 'post', SHELF);
  const calm = findTarget(run.scenarios, 'storm', 'Shelf, no storm');
  const storm = findTarget(run.scenarios, 'storm', 'Shelf, login storm');
  const oneWorker = findTarget(run.scenarios, 'workers', PG_ONE_WORKER);
  const twoWorkers = findTarget(run.scenarios, 'workers', PG_TWO_WORKERS);
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : a / b;
  const listVsBare = ratio(shelfList?.requestsPerSecond, bareOf('list')?.requestsPerSecond);
  const listVsMinimal = ratio(shelfList?.requestsPerSecond, minimalOf('list')?.requestsPerSecond);
  const listP99VsBare = ratio(shelfList?.p99Ms, bareOf('list')?.p99Ms);
  const getVsBare = ratio(shelfGet?.requestsPerSecond, bareOf('get')?.requestsPerSecond);
  const stormP99 = ratio(storm?.p99Ms, calm?.p99Ms);
  const loginsPerSecond =
    storm === undefined
      ? undefined
      : median(storm.background.map((round) => round.requestsPerSecond));
  lines.push(
    '',
    '| Target | Measured | Verdict |',
    '| --- | --- | --- |',
    `| list ≥ 0.45x bare, or within 5% of minimal | ${formatRatio(listVsBare)} bare, ${formatRatio(listVsMinimal)} minimal | ${verdict(
      listVsBare === undefined || listVsMinimal === undefined
        ? undefined
        : listVsBare >= 0.45 || listVsMinimal >= 0.95,
    )} |`,
    `| list p99 ≤ 3x bare | ${formatRatio(listP99VsBare)} | ${verdict(listP99VsBare === undefined ? undefined : listP99VsBare <= 3)} |`,
    `| get ≥ 0.55x bare | ${formatRatio(getVsBare)} | ${verdict(getVsBare === undefined ? undefined : getVsBare >= 0.55)} |`,
    `| POST ≥ 2,000 durable writes/s (SQLite, WAL) | ${formatNumber(shelfPost?.requestsPerSecond)} writes/s (${formatNumber(shelfPost?.booksWritten)} rows counted) | ${verdict(
      shelfPost === undefined ? undefined : shelfPost.requestsPerSecond >= 2000,
    )} |`,
    `| list p99 under a ${run.settings.stormClients}-client login storm ≤ 2x calm | ${formatRatio(stormP99)} (${formatMs(calm?.p99Ms)} → ${formatMs(storm?.p99Ms)} ms, ${formatNumber(loginsPerSecond)} logins/s) | ${verdict(
      stormP99 === undefined ? undefined : stormP99 <= 2,
    )} |`,
    `| API_WORKERS=2 vs 1 (report) | ${formatRatio(ratio(twoWorkers?.requestsPerSecond, oneWorker?.requestsPerSecond))} | - |`,
  );
  const allOn = findTarget(run.scenarios, 'features', 'Shelf, everything on');
  const core = findTarget(run.scenarios, 'features', CORE);
  const featuresMinimal = findTarget(run.scenarios, 'features', MINIMAL);
  lines.push(
    `| \`${CORE.replace('Shelf, ', '')}\` vs minimal, same scenario (report) | ${formatRatio(ratio(core?.requestsPerSecond, featuresMinimal?.requestsPerSecond))} | - |`,
  );
  for (const target of run.scenarios.find((scenario) => scenario.id === 'features')?.targets ??
    []) {
    if (target === allOn || target === featuresMinimal || allOn === undefined) continue;
    const cost = 1 - allOn.requestsPerSecond / target.requestsPerSecond;
    lines.push(
      `| cost of what \`${target.label.replace('Shelf, ', '')}\` turns off (report) | ${(cost * 100).toFixed(1)}% of list throughput | - |`,
    );
  }
  for (const skipped of run.skipped)
    lines.push(`| ${skipped.scenario} | skipped: ${skipped.reason} | - |`);
  if (run.failures.length > 0) {
    lines.push('', '**Failures:**', ...run.failures.map((failure) => `- ${failure}`));
  }
  return `${lines.join('\n')}\n`;
};

const main = async (): Promise<number> => {
  const settings = readSettings();
  const startedAt = new Date();
  const machine = describeMachine(settings.tool);
  progress(
    `Shelf benchmark, ${settings.profile}: ${machineLine(machine)}; ${settings.rounds} round(s) x ${settings.durationSeconds} s, ${settings.connections} connections`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'shelf-bench-'));
  const databasePath = join(workDir, 'bench.db');
  const databaseUrl = `sqlite:${databasePath}`;
  const servers: ServerProcess[] = [];
  const scenarios: ScenarioResult[] = [];
  const skipped: RunResult['skipped'] = [];
  const failures: string[] = [];

  const startShelfVariant = async (
    name: string,
    overrides: Record<string, string> = {},
    url: string = databaseUrl,
  ) => {
    const server = await startShelf({
      name,
      port: await freePort(),
      cwd: workDir,
      env: shelfEnv(url, overrides),
    });
    servers.push(server);
    progress(`started ${name} (pid ${server.pid}) in ${formatNumber(server.startMs)} ms`);
    return server;
  };
  const stopVariant = async (server: ServerProcess) => {
    servers.splice(servers.indexOf(server), 1);
    await server.stop();
  };

  try {
    const shelf = await startShelfVariant(SHELF);
    const token = await login(shelf.url, BENCH_USERNAME, BENCH_PASSWORD);
    progress(`creating ${settings.seedBooks} books through the API`);
    const bookIds = await createBooks(shelf.url, token, settings.seedBooks);
    const bookId = bookIds[0] ?? '';

    const getHeaders = { authorization: `Bearer ${token}`, origin: BENCH_ORIGIN };
    const postHeaders = { ...getHeaders, 'content-type': 'application/json' };
    const listPath = '/api/books?limit=20';
    const getPath = `/api/books/${bookId}`;
    const captured = [
      await capture(shelf.url, 'GET', listPath, getHeaders),
      await capture(shelf.url, 'GET', getPath, getHeaders),
      await capture(
        shelf.url,
        'POST',
        '/api/books',
        postHeaders,
        BOOK_BODY_TEMPLATE.replace('{n}', 'captured'),
      ),
    ];
    const capturedPath = join(workDir, 'captured.json');
    writeFileSync(capturedPath, JSON.stringify(captured));

    const bare = await startServer({
      name: BARE,
      args: ['--import', 'tsx', join('bench', 'baseline-server.ts'), capturedPath],
      env: {},
      port: await freePort(),
    });
    servers.push(bare);
    const minimal = await startServer({
      name: MINIMAL,
      args: ['--import', 'tsx', join('bench', 'minimal-server.ts')],
      env: { DATABASE_PATH: databasePath, JWT_SECRET: shelfEnv(databaseUrl).JWT_SECRET ?? '' },
      port: await freePort(),
    });
    servers.push(minimal);

    const load = (
      server: ServerProcess,
      path: string,
      method: 'GET' | 'POST' = 'GET',
    ): LoadSpec => ({
      url: `${server.url}${path}`,
      method,
      headers: method === 'GET' ? getHeaders : postHeaders,
      ...(method === 'POST' ? { bodyTemplate: BOOK_BODY_TEMPLATE } : {}),
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
    });
    const threeWay = (path: string, method: 'GET' | 'POST' = 'GET'): Target[] => [
      { label: BARE, server: bare, spec: load(bare, path, method) },
      { label: MINIMAL, server: minimal, spec: load(minimal, path, method) },
      { label: SHELF, server: shelf, spec: load(shelf, path, method) },
    ];

    scenarios.push(
      await measureScenario(
        settings,
        workDir,
        'list',
        'GET /api/books?limit=20',
        threeWay(listPath),
      ),
    );
    scenarios.push(
      await measureScenario(settings, workDir, 'get', 'GET /api/books/:id', threeWay(getPath)),
    );

    const stormLoad: LoadSpec = {
      url: `${shelf.url}/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BENCH_ORIGIN },
      bodyTemplate: JSON.stringify({ username: BENCH_USERNAME, password: BENCH_PASSWORD }),
      connections: settings.stormClients,
      durationSeconds: settings.durationSeconds,
    };
    scenarios.push(
      await measureScenario(settings, workDir, 'storm', 'list during a login storm', [
        { label: 'Shelf, no storm', server: shelf, spec: load(shelf, listPath) },
        {
          label: 'Shelf, login storm',
          server: shelf,
          spec: load(shelf, listPath),
          background: stormLoad,
        },
      ]),
    );

    if (settings.workersDatabaseUrl === undefined) {
      skipped.push({
        scenario: 'API_WORKERS=2',
        reason:
          'needs PostgreSQL (SQLite refuses several workers: one writer, and better-sqlite3 waits for its lock synchronously); pass --workers-database-url=postgres://...',
      });
    } else {
      const pgUrl = settings.workersDatabaseUrl;
      const oneWorker = await startShelfVariant(PG_ONE_WORKER, {}, pgUrl);
      const twoWorkers = await startShelfVariant(PG_TWO_WORKERS, { API_WORKERS: '2' }, pgUrl);
      const pgToken = await loginOrRegister(oneWorker.url, BENCH_USERNAME, BENCH_PASSWORD);
      await createBooks(oneWorker.url, pgToken, 40);
      const pgLoad = (server: ServerProcess): LoadSpec => ({
        ...load(server, listPath),
        headers: { ...getHeaders, authorization: `Bearer ${pgToken}` },
      });
      scenarios.push(
        await measureScenario(settings, workDir, 'workers', 'list on PostgreSQL, API_WORKERS', [
          { label: PG_ONE_WORKER, server: oneWorker, spec: pgLoad(oneWorker) },
          { label: PG_TWO_WORKERS, server: twoWorkers, spec: pgLoad(twoWorkers) },
        ]),
      );
      await stopVariant(oneWorker);
      await stopVariant(twoWorkers);
    }

    if (settings.withFeatures) {
      const silent = await startShelfVariant('Shelf, LOG_LEVEL=silent', { LOG_LEVEL: 'silent' });
      const noMetrics = await startShelfVariant('Shelf, METRICS_ENABLED=false', {
        METRICS_ENABLED: 'false',
      });
      const noRateLimit = await startShelfVariant('Shelf, API_RATE_LIMIT=0', {
        API_RATE_LIMIT: '0',
      });
      const core = await startShelfVariant(CORE, {
        LOG_LEVEL: 'silent',
        METRICS_ENABLED: 'false',
        API_RATE_LIMIT: '0',
      });
      const { origin: _origin, ...headersWithoutOrigin } = getHeaders;
      const withoutOrigin = (server: ServerProcess): LoadSpec => ({
        ...load(server, listPath),
        headers: headersWithoutOrigin,
      });
      scenarios.push(
        await measureScenario(settings, workDir, 'features', 'list, one feature off', [
          { label: MINIMAL, server: minimal, spec: load(minimal, listPath) },
          { label: 'Shelf, everything on', server: shelf, spec: load(shelf, listPath) },
          { label: silent.name, server: silent, spec: load(silent, listPath) },
          { label: noMetrics.name, server: noMetrics, spec: load(noMetrics, listPath) },
          { label: noRateLimit.name, server: noRateLimit, spec: load(noRateLimit, listPath) },
          {
            label: 'Shelf, no Origin header (no CORS work)',
            server: shelf,
            spec: withoutOrigin(shelf),
          },
          { label: CORE, server: core, spec: withoutOrigin(core) },
        ]),
      );
      await stopVariant(core);
      await stopVariant(silent);
      await stopVariant(noMetrics);
      await stopVariant(noRateLimit);
    }

    // Writes last: they change what the list returns.
    const written = new Map<string, number>();
    let before = countBooks(databasePath);
    const post = await measureScenario(
      settings,
      workDir,
      'post',
      'POST /api/books',
      threeWay('/api/books', 'POST'),
      {
        afterRound: (target, result) => {
          const after = countBooks(databasePath);
          const rows = after - before;
          before = after;
          if (target.label === BARE) return;
          written.set(target.label, (written.get(target.label) ?? 0) + rows);
          const acknowledged = result.requests - result.non2xx;
          // Requests still in flight when the load stops complete unseen, so rows may exceed the
          // acknowledged count; fewer rows would be a lost acknowledged write.
          if (rows < acknowledged) {
            failures.push(
              `${target.label}: ${acknowledged} writes acknowledged but ${rows} rows appeared`,
            );
          }
        },
      },
    );
    for (const target of post.targets) {
      const rows = written.get(target.label);
      if (rows !== undefined) target.booksWritten = rows;
    }
    scenarios.push(post);
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    for (const server of servers) {
      if (!server.isRunning() && !failures.some((failure) => failure.includes(server.name))) {
        failures.push(`${server.name} exited during the run:\n${server.stderrTail()}`);
      }
    }
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(workDir, { recursive: true, force: true });
  }

  for (const scenario of scenarios) {
    for (const target of scenario.targets) {
      if (target.non2xx + target.socketErrors > 0) {
        failures.push(
          `${scenario.title}, ${target.label}: ${target.non2xx} non-2xx responses, ${target.socketErrors} socket errors`,
        );
      }
    }
  }

  const { tool: _tool, ...recorded } = settings;
  const run: RunResult = {
    profile: settings.profile,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    settings: recorded,
    scenarios,
    skipped,
    failures,
  };
  const markdown = renderMarkdown(run);
  process.stdout.write(`\n${markdown}`);
  if (settings.profile !== 'smoke') {
    const suffix = settings.profile === 'full' ? '' : `-${settings.profile}`;
    const path = writeResults(
      `${fileTimestamp(startedAt)}${suffix}`,
      run,
      `latest${suffix}.md`,
      markdown,
    );
    progress(`results: ${path}`);
  }
  if (failures.length > 0) {
    progress(`\n${failures.length} failure(s):\n${failures.map((f) => `- ${f}`).join('\n')}`);
    return 1;
  }
  return 0;
};

process.exitCode = await main();
