// bench/Engine, the other side: aws-local-stepfunctions 3 (npm) on Node 22, same workloads and same protocol as
// Orchestrator.Bench.Engine (see README.md). Written for this bench; it only calls the package's public API
// (new StateMachine(definition, options), stateMachine.run(input, { overrides, context })).
//
//   node als-driver.mjs check <corpus-root> <out.json>
//   node --expose-gc als-driver.mjs bench <corpus|runjob-happy|runjob-eni> <out.json> [--cases <list>] [--corpus-root <dir>]
//        [--repo <root>] [--warmup N] [--warmup-seconds S] [--iterations N] [--reps N]
//
// Waits and retry intervals are overridden to 0 ms (waitTimeOverrides / retryIntervalOverrides for every Wait state and
// every state with Retry, nested ones included): the .NET side runs on a virtual clock, so neither side sleeps.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { StateMachine, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';

const [command, arg1, arg2, ...rest] = process.argv.slice(2);
const options = parseOptions(rest);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

if (command === 'check') await check(arg1, arg2);
else if (command === 'bench') await bench(arg1, arg2);
else {
  console.error('usage: check <corpus-root> <out.json> | bench <workload> <out.json> [options]');
  process.exit(2);
}

// ------------------------------------------------------------------ check

async function check(corpusRoot, outPath) {
  const rows = [];
  for (const dir of caseDirectories(corpusRoot)) {
    const row = { case: relative(corpusRoot, dir) };
    rows.push(row);
    const definition = readJson(join(dir, 'definition.json'));
    if (usesJsonata(definition)) { row.verdict = 'jsonata'; continue; }
    let machine;
    try {
      machine = new StateMachine(definition);
    } catch (error) {
      row.verdict = 'invalid';
      row.detail = String(error?.message ?? error).slice(0, 300);
      continue;
    }
    const input = readJson(join(dir, 'input.json'));
    const expected = readJson(join(dir, 'expected.json'));
    const started = performance.now();
    const actual = await runOnce(machine, input, runOptions(definition), 10_000);
    row.ms = Math.round(performance.now() - started);
    const differences = compare(expected, actual);
    row.verdict = actual.status === 'HUNG' ? 'timeout' : differences.length === 0 ? 'pass' : 'fail';
    if (differences.length) row.detail = differences.slice(0, 3).join('; ');
  }
  writeFileSync(outPath, JSON.stringify(rows, null, 2));
  const counts = {};
  for (const r of rows) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  console.error(`theirs check: ${rows.length} cases: ${Object.entries(counts).sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
  process.exit(0); // a hung execution may hold timers
}

function caseDirectories(corpusRoot) {
  const dirs = [];
  for (const sub of ['cases', 'extra-cases']) {
    const root = join(corpusRoot, sub);
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) {
      if (existsSync(join(root, name, 'definition.json'))) dirs.push(join(root, name));
    }
  }
  return dirs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // ordinal, as the .NET side
}

function usesJsonata(node) {
  if (Array.isArray(node)) return node.some(usesJsonata);
  if (node && typeof node === 'object') {
    return Object.entries(node).some(([k, v]) => (k === 'QueryLanguage' && v === 'JSONata') || usesJsonata(v));
  }
  return false;
}

/** Every state of a definition, nested Map/Parallel states included: [name, state]. */
function allStates(definition) {
  const out = [];
  const walk = (machine) => {
    for (const [name, state] of Object.entries(machine?.States ?? {})) {
      out.push([name, state]);
      if (state.Iterator) walk(state.Iterator);
      if (state.ItemProcessor) walk(state.ItemProcessor);
      for (const branch of state.Branches ?? []) walk(branch);
    }
  };
  walk(definition);
  return out;
}

/** No real sleeping: every Wait state and every Retry interval overridden to 0 ms. */
function runOptions(definition, extra = {}) {
  const waitTimeOverrides = {};
  const retryIntervalOverrides = {};
  for (const [name, state] of allStates(definition)) {
    if (state.Type === 'Wait') waitTimeOverrides[name] = 0;
    if (Array.isArray(state.Retry)) retryIntervalOverrides[name] = 0;
  }
  return { overrides: { waitTimeOverrides, retryIntervalOverrides, ...extra.overrides }, context: extra.context };
}

/** Runs one execution: {status:'SUCCEEDED', output} or {status:'FAILED', error, cause} (as run-case.md builds it). */
async function runOnce(machine, input, opts, timeoutMs) {
  const execution = machine.run(input, opts);
  let timer;
  const hung = timeoutMs ? new Promise((resolve) => { timer = setTimeout(() => { execution.abort(); resolve({ status: 'HUNG' }); }, timeoutMs); }) : null;
  const settled = execution.result.then(
    (output) => ({ status: 'SUCCEEDED', output }),
    (error) => failure(error),
  );
  try {
    return await (hung ? Promise.race([settled, hung]) : settled);
  } finally {
    clearTimeout(timer);
  }
}

function failure(error) {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout' };
  const inner = error instanceof ExecutionError ? error.cause : error;
  const out = { status: 'FAILED' };
  if (inner?.name !== undefined) out.error = inner.name;
  if (inner?.message !== undefined) out.cause = inner.message;
  return out;
}

/** tests/asl-conformance/run-case.md: status equal; output deep-equal; error exact (absent = none); cause only if expected has it. */
function compare(expected, actual) {
  if (expected.status !== actual.status) return [`/status: expected ${expected.status}, actual ${actual.status} ${JSON.stringify(actual).slice(0, 200)}`];
  if (expected.status === 'SUCCEEDED') return deepDiff(expected.output, actual.output, '/output');
  const out = [];
  if ((expected.error ?? null) !== (actual.error ?? null)) out.push(`/error: expected ${expected.error}, actual ${actual.error}`);
  if ('cause' in expected && expected.cause !== actual.cause) out.push(`/cause: expected ${JSON.stringify(expected.cause)}, actual ${JSON.stringify(actual.cause)}`);
  return out;
}

function deepDiff(e, a, pointer, out = []) {
  const kind = (v) => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(e) !== kind(a)) { out.push(`${pointer}: expected ${JSON.stringify(e)}, actual ${JSON.stringify(a)}`); return out; }
  if (kind(e) === 'array') {
    if (e.length !== a.length) out.push(`${pointer}: expected ${e.length} items, actual ${a.length}`);
    else e.forEach((v, i) => deepDiff(v, a[i], `${pointer}/${i}`, out));
  } else if (kind(e) === 'object') {
    for (const k of Object.keys(e)) {
      if (!(k in a)) out.push(`${pointer}/${k}: missing`);
      else deepDiff(e[k], a[k], `${pointer}/${k}`, out);
    }
    for (const k of Object.keys(a)) if (!(k in e)) out.push(`${pointer}/${k}: unexpected`);
  } else if (e !== a) {
    out.push(`${pointer}: expected ${JSON.stringify(e)}, actual ${JSON.stringify(a)}`);
  }
  return out;
}

// ------------------------------------------------------------------ bench

async function bench(workload, outPath) {
  const jobs = workload === 'corpus' ? corpusJobs() : [runJob(workload === 'runjob-eni' ? 'EniThenSuccess' : 'HappyPath')];

  // Correctness of exactly what is timed: one untimed pass, every result compared; states counted from the event log.
  let correct = 0;
  let states = 0;
  let sample = null;
  const mismatches = [];
  for (const job of jobs) {
    const execution = job.machine.run(job.input, job.options());
    const countEntered = (async () => {
      let n = 0;
      for await (const event of execution.eventLogs) if (event.type === 'StateEntered') n++;
      return n;
    })();
    const actual = await execution.result.then((output) => ({ status: 'SUCCEEDED', output }), failure);
    states += await countEntered;
    sample ??= actual;
    const differences = job.expected ? compare(job.expected, actual) : actual.status === 'SUCCEEDED' ? [] : [JSON.stringify(actual)];
    if (differences.length === 0) correct++;
    else mismatches.push(`${job.name}: ${differences.slice(0, 2).join('; ')}`);
  }

  // Warm up for at least --warmup iterations and --warmup-seconds, so the JIT has tiered up however loaded the machine is.
  const warmupStart = process.hrtime.bigint();
  for (let i = 0; i < options.warmup || Number(process.hrtime.bigint() - warmupStart) / 1e9 < options['warmup-seconds']; i++) await iterate(jobs);

  const reps = [];
  for (let r = 0; r < options.reps; r++) {
    globalThis.gc?.();
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < options.iterations; i++) await iterate(jobs);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const executions = jobs.length * options.iterations;
    reps.push({ seconds, executions, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    console.error(`  theirs ${workload} rep ${r + 1}/${options.reps}: ${(executions / seconds).toFixed(0)} exec/s`);
  }

  writeFileSync(outPath, JSON.stringify({
    side: 'theirs',
    workload,
    runtime: `Node ${process.version}, aws-local-stepfunctions ${readJson(new URL('./node_modules/aws-local-stepfunctions/package.json', import.meta.url)).version}`,
    gcExposed: typeof globalThis.gc === 'function',
    executionsPerIteration: jobs.length,
    statesPerIteration: states,
    correct,
    checked: jobs.length,
    mismatches,
    sample,
    validation: jobs[0]?.validation,
    adaptations: jobs[0]?.adaptations ?? [],
    warmupIterations: options.warmup,
    warmupSeconds: options['warmup-seconds'],
    iterations: options.iterations,
    reps,
  }, null, 2));
}

async function iterate(jobs) {
  for (const job of jobs) {
    try {
      await job.machine.run(job.input, job.options()).result;
    } catch (error) {
      if (!(error instanceof ExecutionError)) throw error; // a FAILED case ends like this; anything else is a bench bug
    }
  }
}

function corpusJobs() {
  const corpusRoot = options['corpus-root'];
  return readFileSync(options.cases, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map((name) => {
    const dir = join(corpusRoot, name);
    const definition = readJson(join(dir, 'definition.json'));
    const opts = runOptions(definition);
    return {
      name,
      // Validated in `check` already (that is where an invalid definition is counted); asl-validator takes ~0.3 s per
      // definition, and loading is not timed on either side.
      machine: new StateMachine(definition, { validationOptions: { noValidate: true } }),
      input: readJson(join(dir, 'input.json')),
      expected: readJson(join(dir, 'expected.json')),
      options: () => opts,
      validation: 'checked in check; bench loads with noValidate',
    };
  });
}

/** statemachines/run-job.asl.json with its DefinitionSubstitutions; Task states answered from run-job.mocks.json (same file as the .NET side). */
function runJob(testCase) {
  const repo = options.repo;
  let text = readFileSync(join(repo, 'statemachines', 'run-job.asl.json'), 'utf8');
  const substitutions = {
    ClusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/orchestrator',
    SubnetIds: 'subnet-a,subnet-b',
    SecurityGroupIds: 'sg-1',
    AssignPublicIp: 'ENABLED',
    RunsTableName: 'runs',
  };
  for (const [key, value] of Object.entries(substitutions)) text = text.replaceAll('${' + key + '}', value);
  const definition = JSON.parse(text);
  const input = readJson(join(repo, 'bench', 'Engine', 'run-job.input.json'));
  // aws-local-stepfunctions 3 evaluates TimeoutSecondsPath against the state's Parameters output instead of its input
  // ("Path expression '$.timeoutSeconds' does not point to a value"), so RunTask fails before its handler runs. Same
  // value, fixed: TimeoutSeconds = input.timeoutSeconds. The .NET side runs the definition unchanged.
  const adaptations = [];
  for (const [name, state] of allStates(definition)) {
    if (state.TimeoutSecondsPath === '$.timeoutSeconds') {
      delete state.TimeoutSecondsPath;
      state.TimeoutSeconds = input.timeoutSeconds;
      adaptations.push(`${name}: TimeoutSecondsPath $.timeoutSeconds -> TimeoutSeconds ${input.timeoutSeconds}`);
    }
  }
  let machine;
  let validation = 'default';
  try {
    machine = new StateMachine(definition);
  } catch (error) {
    // Report it, then run without the package's validator (it may not know newer fields).
    validation = `noValidate (default validation threw: ${String(error?.message ?? error).slice(0, 200)})`;
    machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  }

  const mocks = readJson(join(repo, 'bench', 'Engine', 'run-job.mocks.json'));
  const mapping = mocks.StateMachines['run-job'].TestCases[testCase];
  const context = {
    Execution: {
      Id: `arn:aws:states:us-east-1:123456789012:execution:run-job:${input.runId}`,
      Name: input.runId,
      RoleArn: 'arn:aws:iam::123456789012:role/orchestrator-local',
      RedriveCount: 0,
    },
    State: { EnteredTime: '2026-11-21T03:00:00.000Z', Name: 'RunTask', RetryCount: 0 },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:run-job', Name: 'run-job' },
  };
  const base = runOptions(definition, { context });
  // Mocked responses by zero-based invocation of each state, within one execution (as Step Functions Local counts them).
  const outcomes = Object.fromEntries(Object.entries(mapping).map(([state, response]) => {
    const byRange = Object.entries(mocks.MockedResponses[response]).map(([range, body]) => {
      const [from, to] = range.split('-').map(Number);
      return { from, to: to ?? from, body };
    });
    return [state, byRange];
  }));
  const makeOptions = () => {
    const invocations = {};
    const taskResourceLocalHandlers = {};
    for (const [state, byRange] of Object.entries(outcomes)) {
      taskResourceLocalHandlers[state] = async () => {
        const n = (invocations[state] = (invocations[state] ?? -1) + 1);
        const body = byRange.find((r) => n >= r.from && n <= r.to)?.body;
        if (!body) throw Object.assign(new Error(`no mocked response for invocation ${n}`), { name: 'States.Runtime' });
        if (body.Throw) throw Object.assign(new Error(body.Throw.Cause), { name: body.Throw.Error });
        return body.Return;
      };
    }
    return { ...base, overrides: { ...base.overrides, taskResourceLocalHandlers } };
  };
  return { name: input.runId, machine, input, expected: null, options: makeOptions, validation, adaptations };
}

function parseOptions(args) {
  const out = { warmup: 20, 'warmup-seconds': 0, iterations: 50, reps: 5 };
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = args[i].replace(/^--/, '');
    out[key] = ['warmup', 'warmup-seconds', 'iterations', 'reps'].includes(key) ? Number(args[i + 1]) : args[i + 1];
  }
  return out;
}
