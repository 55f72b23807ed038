// Cold-start peer: a fake Lambda Runtime API and a fake Step Functions endpoint on loopback, plus the run
// orchestration, so exec time and first-response time come from one clock (process.hrtime) in one process.
//
// One run = spawn the function binary -> it GETs /next (init done) -> it handles one schedule event (DynamoDB claim
// in dynalite + StartExecution here) -> it POSTs /response (the measured point) -> the next GET /next gets 500
// ("Container error"), so the runtime exits. Variants are interleaved round by round so drift hits both alike.
//
// node peer.mjs --runs N --rss-runs M --dynamodb URL --out DIR --variant name=path [--variant ...] [--show-output 1]
//   a variant path ending in .dll runs as `dotnet <path>`, anything else is executed directly.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, dirname } from 'node:path';

const args = parseArgs(process.argv.slice(2));
const REGION = 'us-east-1';
const TABLE = 'orchestrator-runs-bench';
const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:123456789012:stateMachine:run-job`;
const RUN_TIMEOUT_MS = 60_000;

// ---- fake Step Functions (JSON 1.0): StartExecution answers like AWS; anything else is an unknown operation.
const stepFunctionsCalls = [];
const stepFunctions = await listen((req, body, res) => {
  const target = req.headers['x-amz-target'] ?? '';
  stepFunctionsCalls.push({ target, signed: String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=') });
  if (target === 'AWSStepFunctions.StartExecution') {
    const request = JSON.parse(body);
    const name = request.name ?? crypto.randomUUID();
    return reply(res, 200, { executionArn: `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`, startDate: Date.now() / 1000 });
  }
  reply(res, 400, { __type: 'com.amazonaws.states#UnknownOperationException', message: `bench peer does not implement ${target}` });
});

// ---- fake Runtime API: hands out the current run's single event, then 500 to make the runtime exit.
let current = null;
const runtimeApi = await listen((req, body, res) => {
  const now = process.hrtime.bigint();
  const url = req.url ?? '';
  if (!current) return reply(res, 500, { errorMessage: 'no run in progress' });
  if (req.method === 'GET' && url === '/2018-06-01/runtime/invocation/next') {
    if (current.event) {
      const event = current.event;
      current.event = null;
      current.nextAt ??= now;
      res.setHeader('Lambda-Runtime-Aws-Request-Id', current.requestId);
      res.setHeader('Lambda-Runtime-Deadline-Ms', String(Date.now() + 30_000));
      res.setHeader('Lambda-Runtime-Invoked-Function-Arn', `arn:aws:lambda:${REGION}:123456789012:function:starter`);
      res.setHeader('Lambda-Runtime-Trace-Id', 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1');
      return reply(res, 200, event);
    }
    return reply(res, 500, { errorMessage: 'Container error. Non-recoverable state. Runtime should exit promptly.', errorType: 'Runtime.ExitError' });
  }
  if (req.method === 'POST' && url === `/2018-06-01/runtime/invocation/${current.requestId}/response`) {
    current.respondedAt ??= now;
    current.response = body;
    return reply(res, 202, { status: 'OK' });
  }
  if (req.method === 'POST' && url === `/2018-06-01/runtime/invocation/${current.requestId}/error`) {
    current.error = { type: req.headers['lambda-runtime-function-error-type'], body };
    return reply(res, 202, { status: 'OK' });
  }
  if (req.method === 'POST' && url === '/2018-06-01/runtime/init/error') {
    current.error = { type: req.headers['lambda-runtime-function-error-type'], body, init: true };
    return reply(res, 202, { status: 'OK' });
  }
  reply(res, 404, { errorMessage: `unexpected ${req.method} ${url}` });
});

await createTable(args.dynamodb);

const home = mkdtempSync(join(tmpdir(), 'coldstart-home-')); // empty HOME: no developer ~/.aws config leaks into runs
const environment = {
  PATH: process.env.PATH,
  HOME: home,
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${runtimeApi.port}`,
  AWS_LAMBDA_FUNCTION_NAME: 'starter',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_REGION: REGION,
  AWS_DEFAULT_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'AKIDCOLDSTARTBENCH',
  AWS_SECRET_ACCESS_KEY: 'cold-start-bench-dummy-secret',
  AWS_EC2_METADATA_DISABLED: 'true',
  ORCHESTRATOR_TABLE: TABLE,
  ORCHESTRATOR_STATE_MACHINE_ARN: STATE_MACHINE_ARN,
  ORCHESTRATOR_DYNAMODB_ENDPOINT: args.dynamodb,
  ORCHESTRATOR_STEPFUNCTIONS_ENDPOINT: `http://127.0.0.1:${stepFunctions.port}`,
};

const variants = args.variant.map((spec) => {
  const [name, path] = spec.split('=');
  const command = path.endsWith('.dll') ? ['dotnet', path] : [path];
  return { name, path, command, samples: [], rss: [], cpu: [], outcomes: {} };
});

let sequence = 0;
const loadAtStart = loadavg()[0];
// One discarded warm-up per variant (page cache, dotnet host resolution), then interleaved measured rounds.
for (const variant of variants) await runOnce(variant, { measure: false });
for (let round = 0; round < args.runs; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const variant of order) await runOnce(variant, { measure: true });
}
for (const variant of variants) {
  for (let i = 0; i < args.rssRuns; i++) await runOnce(variant, { measure: false, rss: true });
  for (let i = 0; i < args.rssRuns; i++) await runOnce(variant, { measure: false, cpu: true });
}

report();
stepFunctions.server.close();
runtimeApi.server.close();

async function runOnce(variant, { measure, rss = false, cpu = false }) {
  sequence++;
  const scheduledTime = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const job = `bench-${variant.name}-${sequence}`; // a fresh job per run, so every run claims and starts anew
  current = {
    requestId: `coldstart-${sequence}`,
    event: { job, scheduledTime, task: { taskDefinition: 'bench-task:1', container: 'app' } },
    nextAt: null, respondedAt: null, response: null, error: null,
  };
  const rssFile = join(args.out, `rss-${variant.name}-${sequence}.txt`);
  const cpuFile = join(args.out, `cpu-${variant.name}-${sequence}.json`);
  const command = rss ? ['/usr/bin/time', '-v', '-o', rssFile, ...variant.command]
    : cpu ? ['python3', join(dirname(new URL(import.meta.url).pathname), 'rusage.py'), cpuFile, ...variant.command]
    : variant.command;

  const startedAt = process.hrtime.bigint();
  const child = spawn(command[0], command.slice(1), { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exitCode = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${variant.name} run ${sequence} did not exit within ${RUN_TIMEOUT_MS} ms\n${output}`)); }, RUN_TIMEOUT_MS);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
  });
  const exitedAt = process.hrtime.bigint();
  const run = current;
  current = null;

  if (run.error) fail(`${variant.name}: the function reported ${run.error.init ? 'an init error' : 'an error'} ${run.error.type}: ${run.error.body}\n${output}`);
  const placeholder = run.nextAt === null; // the binary never spoke to the Runtime API (e.g. Program.cs is `return 0;`)
  if (!placeholder && run.respondedAt === null) fail(`${variant.name}: exited with ${exitCode} before posting a response\n${output}`);

  if (rss) {
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(rssFile, 'utf8'))?.[1]);
    if (!kb) fail(`no RSS in ${rssFile}`);
    variant.rss.push(kb / 1024);
  }
  if (cpu) {
    const usage = JSON.parse(readFileSync(cpuFile, 'utf8'));
    variant.cpu.push(usage.userMs + usage.sysMs);
  }
  if (!measure) return;
  if (args['show-output'] && variant.samples.length === 0) console.log(`--- ${variant.name} output (run ${sequence}) ---\n${output.trim()}\n---`);
  const ms = (t) => Number(t - startedAt) / 1e6;
  const outcome = placeholder ? 'no-runtime-api-contact' : (safeJson(run.response)?.outcome ?? 'unparsed');
  variant.outcomes[outcome] = (variant.outcomes[outcome] ?? 0) + 1;
  variant.placeholder ||= placeholder;
  variant.samples.push({
    coldStartMs: placeholder ? ms(exitedAt) : ms(run.respondedAt),
    initMs: placeholder ? null : ms(run.nextAt),
    exitMs: ms(exitedAt),
    exitCode,
  });
}

function report() {
  const [aot, jit] = [variants.find((v) => v.name === 'aot'), variants.find((v) => v.name === 'jit')];
  const summary = {
    measuredAt: new Date().toISOString(),
    // Other work on the machine slows both variants (the JIT more): keep the 1-minute load average with the numbers.
    cpus: cpus().length,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] },
    runs: args.runs,
    rssRuns: args.rssRuns,
    point: variants.some((v) => v.placeholder) ? 'exec -> process exit (PLACEHOLDER: no Runtime API contact)' : 'exec -> first response POSTed to the Runtime API',
    stepFunctionsStartExecutions: stepFunctionsCalls.filter((c) => c.target === 'AWSStepFunctions.StartExecution').length,
    stepFunctionsUnsigned: stepFunctionsCalls.filter((c) => !c.signed).length,
    variants: variants.map((v) => ({
      name: v.name,
      command: v.command.join(' '),
      p50Ms: percentile(v.samples.map((s) => s.coldStartMs), 50),
      p90Ms: percentile(v.samples.map((s) => s.coldStartMs), 90),
      minMs: Math.min(...v.samples.map((s) => s.coldStartMs)),
      maxMs: Math.max(...v.samples.map((s) => s.coldStartMs)),
      initP50Ms: v.placeholder ? null : percentile(v.samples.map((s) => s.initMs), 50),
      peakRssMb: v.rss.length ? Math.max(...v.rss) : null,
      cpuP50Ms: percentile(v.cpu, 50),
      sizeMb: sizeMb(v.path),
      outcomes: v.outcomes,
    })),
  };
  const a = summary.variants.find((v) => v.name === 'aot');
  const j = summary.variants.find((v) => v.name === 'jit');
  if (a && j) {
    summary.ratioP50 = j.p50Ms / a.p50Ms;
    summary.cpuRatioP50 = j.cpuP50Ms / a.cpuP50Ms;
    summary.targets = {
      'AOT >= 5x faster than JIT (p50)': summary.ratioP50 >= 5,
      'AOT cold start p50 <= 40 ms': a.p50Ms <= 40,
      'AOT peak RSS <= 40 MB': a.peakRssMb <= 40,
      'bootstrap binary <= 15 MB': a.sizeMb.main <= 15,
    };
  }
  writeFileSync(join(args.out, 'results.json'), JSON.stringify(summary, null, 2) + '\n');

  const f = (x) => (x === null || x === undefined ? '-' : x.toFixed(1));
  console.log(`\nCold start, ${summary.point}; ${args.runs} measured runs per variant, interleaved, after 1 warm-up each`);
  console.log(`machine: ${summary.cpus} CPUs, 1-min load average ${summary.loadAverage.atStart.toFixed(1)} at start, ${summary.loadAverage.atEnd.toFixed(1)} at end`);
  if (summary.point.includes('PLACEHOLDER')) console.log('WARNING: the binary never called the Runtime API; these numbers are process start-to-exit, not a cold start.');
  console.log('variant  p50 ms  p90 ms  min ms  max ms  init p50 ms  CPU p50 ms  peak RSS MB  size MB (main / deployable)  outcomes');
  for (const v of summary.variants) {
    console.log(`${v.name.padEnd(7)} ${f(v.p50Ms).padStart(7)} ${f(v.p90Ms).padStart(7)} ${f(v.minMs).padStart(7)} ${f(v.maxMs).padStart(7)} ${f(v.initP50Ms).padStart(12)} ${f(v.cpuP50Ms).padStart(11)} ${f(v.peakRssMb).padStart(12)}   ${f(v.sizeMb.main)} / ${f(v.sizeMb.deployable)}   ${JSON.stringify(v.outcomes)}`);
  }
  if (summary.ratioP50) {
    console.log(`ratio JIT p50 / AOT p50: ${summary.ratioP50.toFixed(1)}x wall clock, ${(j.cpuP50Ms / a.cpuP50Ms).toFixed(1)}x CPU time (user+sys)`);
    for (const [target, met] of Object.entries(summary.targets)) console.log(`  ${met ? 'PASS' : 'MISS'}  ${target}`);
  }
  console.log(`StartExecution calls seen: ${summary.stepFunctionsStartExecutions} (unsigned: ${summary.stepFunctionsUnsigned})`);
  console.log(`results: ${join(args.out, 'results.json')}`);
}

// main: the file that is executed; deployable: the publish folder without symbols (.pdb/.dbg are not shipped).
function sizeMb(path) {
  const dir = dirname(path);
  const total = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(pdb|dbg)$/.test(e.name))
    .reduce((sum, e) => sum + statSync(join(dir, e.name)).size, 0);
  return { main: statSync(path).size / 1048576, deployable: total / 1048576 };
}

function percentile(values, p) {
  const sorted = values.filter((v) => v !== null).sort((x, y) => x - y);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]; // nearest rank
}

async function createTable(endpoint) {
  // Mirrors Orchestrator.Ledger.RunTable.Definition (key runId; GSIs by-job, failed-by-month, active-by-job).
  const gsi = (name, hash, range) => ({
    IndexName: name,
    KeySchema: [{ AttributeName: hash, KeyType: 'HASH' }, { AttributeName: range, KeyType: 'RANGE' }],
    Projection: { ProjectionType: 'ALL' },
  });
  const definition = {
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'runId', KeyType: 'HASH' }],
    AttributeDefinitions: ['runId', 'job', 'runAt', 'failedMonth', 'endedAt', 'activeJob'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
    GlobalSecondaryIndexes: [gsi('by-job', 'job', 'runAt'), gsi('failed-by-month', 'failedMonth', 'endedAt'), gsi('active-by-job', 'activeJob', 'runAt')],
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.CreateTable',
          // dynalite checks that a SigV4-shaped header is present, not the signature itself.
          authorization: `AWS4-HMAC-SHA256 Credential=AKIDCOLDSTARTBENCH/20260101/${REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=00`,
          'x-amz-date': '20260101T000000Z',
        },
        body: JSON.stringify(definition),
      });
      const text = await response.text();
      if (response.ok || text.includes('ResourceInUseException')) return;
      fail(`CreateTable failed: ${response.status} ${text}`);
    } catch (error) {
      if (attempt === 99) fail(`dynalite at ${endpoint} not reachable: ${error.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function listen(handle) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => handle(req, body, res));
    });
    server.keepAliveTimeout = 60_000;
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

function reply(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

function fail(message) {
  console.error(`cold-start bench: FAILED: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const parsed = { runs: 20, rssRuns: 5, variant: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i].replace(/^--/, ''), argv[i + 1]];
    if (key === 'variant') parsed.variant.push(value);
    else if (key === 'runs') parsed.runs = Number(value);
    else if (key === 'rss-runs') parsed.rssRuns = Number(value);
    else parsed[key] = value;
  }
  for (const required of ['dynamodb', 'out']) if (!parsed[required]) fail(`--${required} is required`);
  if (parsed.variant.length === 0) fail('give at least one --variant name=path');
  for (const spec of parsed.variant) if (!existsSync(spec.split('=')[1])) fail(`variant binary not found: ${spec}`);
  return parsed;
}
