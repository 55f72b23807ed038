// bench/Jsonata, the other side: the jsonata npm package (the version aws-local-stepfunctions 3.0.0 bundles) on Node 22,
// same protocol as Orchestrator.Bench.Jsonata (see README.md). Calls only the package's public API:
// jsonata(text) parses, expression.evaluate(input, bindings) evaluates (a Promise).
//
//   node jsonata-driver.mjs check <expressions.json> <out.json>
//   node --expose-gc jsonata-driver.mjs bench <parse-eval|eval> <expressions.json> <ids.txt> <out.json> [--warmup N] [--warmup-seconds S] [--iterations N] [--reps N]
import { readFileSync, writeFileSync } from 'node:fs';
import jsonata from 'jsonata';

const [command, ...args] = process.argv.slice(2);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const version = readJson(new URL('./node_modules/jsonata/package.json', import.meta.url)).version;

/**
 * What an evaluation produced, as JSON text. A function is not JSON: JSONata lambdas (objects marked _jsonata_lambda)
 * and native functions print as undefined, as JSON.stringify prints a function; ours returns them as undefined too.
 */
function isFunction(v) { return typeof v === 'function' || (v !== null && typeof v === 'object' && v._jsonata_lambda === true); }
function outcome(value) {
  const text = JSON.stringify(value, (_, v) => (isFunction(v) ? undefined : v));
  if (isFunction(value)) return { ok: true, undefined: true, function: true };
  return text === undefined ? { ok: true, undefined: true } : { ok: true, json: text };
}

async function check(expressionsPath, outPath) {
  const rows = [];
  for (const item of readJson(expressionsPath).items) {
    let row;
    try {
      row = outcome(await jsonata(item.expression).evaluate(undefined, item.bindings));
    } catch (error) {
      row = { ok: false, error: `${error.code ?? 'exception'}: ${error.message ?? error}`.slice(0, 300) };
    }
    rows.push({ id: item.id, ...row });
  }
  writeFileSync(outPath, JSON.stringify({ side: 'theirs', engine: `jsonata ${version}`, rows }, null, 1));
  console.error(`theirs check (jsonata ${version}): ${rows.length} expressions, ${rows.filter((r) => r.ok).length} evaluate without error`);
}

async function bench(workload, expressionsPath, idsPath, outPath, ...rest) {
  const options = parseOptions(rest);
  const ids = readFileSync(idsPath, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const byId = new Map(readJson(expressionsPath).items.map((x) => [x.id, x]));
  // Parsed JSON bindings are built once per item (not timed), as an engine holds its state data already parsed.
  const items = ids.map((id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`unknown expression id ${id}`);
    return { text: item.expression, bindings: item.bindings, parsed: jsonata(item.expression) };
  });

  let iterate;
  if (workload === 'parse-eval') {
    iterate = async () => {
      let n = 0;
      for (const item of items) { if ((await jsonata(item.text).evaluate(undefined, item.bindings)) !== undefined) n++; }
      return n;
    };
  } else if (workload === 'eval') {
    iterate = async () => {
      let n = 0;
      for (const item of items) { if ((await item.parsed.evaluate(undefined, item.bindings)) !== undefined) n++; }
      return n;
    };
  } else throw new Error(`unknown workload ${workload}`);

  // Untimed pass: the results of exactly what is timed, for report.mjs to compare with ours.
  const results = [];
  for (const item of items) {
    const value = workload === 'eval' ? await item.parsed.evaluate(undefined, item.bindings) : await jsonata(item.text).evaluate(undefined, item.bindings);
    results.push(outcome(value));
  }

  // Warm-up: at least --warmup iterations and at least --warmup-seconds, so the JIT has settled even on a loaded machine.
  let sink = 0;
  let warmupIterations = 0;
  const warmupStart = process.hrtime.bigint();
  while (warmupIterations < options.warmup || Number(process.hrtime.bigint() - warmupStart) / 1e9 < options['warmup-seconds']) {
    sink += await iterate();
    warmupIterations++;
  }
  const reps = [];
  for (let r = 0; r < options.reps; r++) {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < options.iterations; i++) sink += await iterate();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const evaluations = items.length * options.iterations;
    reps.push({ seconds, evaluations, cpuSeconds: (cpu.user + cpu.system) / 1e6, heapGrowthBytes: process.memoryUsage().heapUsed - heapBefore });
    console.error(`  theirs ${workload} rep ${r + 1}/${options.reps}: ${(evaluations / seconds).toFixed(0)} evaluations/s`);
  }

  writeFileSync(outPath, JSON.stringify({
    side: 'theirs',
    workload,
    engine: `jsonata ${version}`,
    runtime: `Node ${process.version}`,
    gcExposed: typeof globalThis.gc === 'function',
    expressions: items.length,
    warmupIterations,
    iterations: options.iterations,
    definedResultsPerPass: sink / Math.max(1, warmupIterations + options.reps * options.iterations),
    results: results.map((r, i) => ({ id: ids[i], ...r })),
    reps,
  }, null, 1));
}

function parseOptions(args) {
  const out = { warmup: 20, 'warmup-seconds': 0, iterations: 100, reps: 5 };
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = args[i].replace(/^--/, '');
    if (!(key in out)) throw new Error(`unknown option ${args[i]}`);
    out[key] = Number(args[i + 1]);
  }
  return out;
}

if (command === 'check') await check(...args);
else if (command === 'bench') await bench(...args);
else {
  console.error('usage: check <expressions.json> <out.json> | bench <workload> <expressions.json> <ids.txt> <out.json> [options]');
  process.exit(2);
}
