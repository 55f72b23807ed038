// bench/Engine: picks the common corpus case set from both sides' checks, and turns both sides' bench JSON into the
// table (stdout) and results.md. Plain Node, no dependencies.
//
//   node report.mjs select <ours-check.json> <theirs-check.json> <cases.txt> <selection.json>
//   node report.mjs report <results-dir> <results.md> <meta.json> [<hotspots.md>]
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [command, ...args] = process.argv.slice(2);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

if (command === 'select') select(...args);
else if (command === 'report') report(...args);
else { console.error('usage: select ... | report ...'); process.exit(2); }

function select(oursPath, theirsPath, casesPath, selectionPath) {
  const ours = new Map(readJson(oursPath).map((r) => [r.case, r]));
  const theirs = new Map(readJson(theirsPath).map((r) => [r.case, r]));
  const all = [...ours.keys()];
  const count = (rows, verdict) => rows.filter((r) => r.verdict === verdict).length;
  const jsonata = all.filter((c) => ours.get(c).verdict === 'jsonata');
  const task = all.filter((c) => ours.get(c).verdict === 'task');
  const candidates = all.filter((c) => !['jsonata', 'task'].includes(ours.get(c).verdict));
  const oursRows = candidates.map((c) => ours.get(c));
  const theirsRows = candidates.map((c) => theirs.get(c) ?? { verdict: 'missing' });
  const common = candidates.filter((c) => ours.get(c).verdict === 'pass' && theirs.get(c)?.verdict === 'pass');
  const theirsVerdicts = {};
  for (const r of theirsRows) theirsVerdicts[r.verdict] = (theirsVerdicts[r.verdict] ?? 0) + 1;
  const selection = {
    total: all.length,
    jsonataExcluded: jsonata.length,
    taskExcluded: task.length,
    candidates: candidates.length,
    ours: { pass: count(oursRows, 'pass'), fail: count(oursRows, 'fail'), invalid: count(oursRows, 'invalid') },
    theirs: theirsVerdicts,
    common: common.length,
    commonStates: common.reduce((sum, c) => sum + (ours.get(c).states ?? 0), 0),
    oursOnly: candidates.filter((c) => ours.get(c).verdict === 'pass' && theirs.get(c)?.verdict !== 'pass').length,
    theirsOnly: candidates.filter((c) => ours.get(c).verdict !== 'pass' && theirs.get(c)?.verdict === 'pass').length,
    theirsFailures: candidates.filter((c) => theirs.get(c)?.verdict !== 'pass').map((c) => `${c}: ${theirs.get(c)?.verdict} ${theirs.get(c)?.detail ?? ''}`.slice(0, 240)),
    oursFailures: candidates.filter((c) => ours.get(c).verdict !== 'pass').map((c) => `${c}: ${ours.get(c).verdict} ${ours.get(c).detail ?? ''}`.slice(0, 240)),
  };
  writeFileSync(casesPath, common.join('\n') + '\n');
  writeFileSync(selectionPath, JSON.stringify(selection, null, 2));
  console.error(`corpus: ${selection.total} cases, ${selection.jsonataExcluded} JSONata excluded, ${selection.taskExcluded} with Task states excluded; ` +
    `${selection.candidates} JSONPath candidates: ours pass ${selection.ours.pass}, theirs pass ${theirsVerdicts.pass ?? 0}; common set ${selection.common} cases`);
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
function fmt(x, digits = 0) { return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }); }

function report(dir, mdPath, metaPath, hotspotsPath) {
  const meta = readJson(metaPath);
  const selection = existsSync(join(dir, 'selection.json')) ? readJson(join(dir, 'selection.json')) : null;
  const files = readdirSync(dir).filter((f) => /^(ours|theirs)-.*-round\d+\.json$/.test(f));
  const bySideWorkload = new Map();
  for (const f of files) {
    const d = readJson(join(dir, f));
    const key = `${d.side}/${d.workload}`;
    const entry = bySideWorkload.get(key) ?? { ...d, reps: [] };
    entry.reps.push(...d.reps);
    bySideWorkload.set(key, entry);
  }

  const workloads = ['corpus', 'runjob-happy', 'runjob-eni'].filter((w) => bySideWorkload.has(`ours/${w}`) && bySideWorkload.has(`theirs/${w}`));
  const label = { corpus: `corpus (${selection?.common ?? '?'} cases)`, 'runjob-happy': 'run-job success', 'runjob-eni': 'run-job ENI fail→retry→success' };
  const rows = [];
  for (const w of workloads) {
    const ours = bySideWorkload.get(`ours/${w}`);
    const theirs = bySideWorkload.get(`theirs/${w}`);
    const statesPerExec = ours.statesPerIteration / ours.executionsPerIteration;
    const stats = (side) => {
      const wall = side.reps.map((r) => r.executions / r.seconds);
      const cpu = side.reps.map((r) => r.executions / r.cpuSeconds);
      return { wall: median(wall), wallMin: Math.min(...wall), wallMax: Math.max(...wall), cpu: median(cpu), n: wall.length };
    };
    const o = stats(ours);
    const t = stats(theirs);
    const sameOutput = w === 'corpus' ? null : JSON.stringify(canon(ours.sample)) === JSON.stringify(canon(theirs.sample));
    rows.push({ w, ours, theirs, o, t, statesPerExec, theirsStatesPerExec: theirs.statesPerIteration / theirs.executionsPerIteration, sameOutput });
  }

  const lines = [];
  lines.push('| workload | states/exec | ours exec/s (median, min–max) | theirs exec/s (median, min–max) | **ratio ours/theirs** | ours µs/state | theirs µs/state | ratio, CPU-time basis | correct ours / theirs |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const usState = (x) => 1e6 / (x * r.statesPerExec);
    lines.push(`| ${label[r.w]} | ${fmt(r.statesPerExec, 2)} | ${fmt(r.o.wall)} (${fmt(r.o.wallMin)}–${fmt(r.o.wallMax)}) | ${fmt(r.t.wall)} (${fmt(r.t.wallMin)}–${fmt(r.t.wallMax)}) | **${fmt(r.o.wall / r.t.wall, 1)}×** | ${fmt(usState(r.o.wall), 1)} | ${fmt(usState(r.t.wall), 1)} | ${fmt(r.o.cpu / r.t.cpu, 1)}× | ${r.ours.correct}/${r.ours.checked} / ${r.theirs.correct}/${r.theirs.checked}${r.sameOutput === null ? '' : r.sameOutput ? ', same output' : ', OUTPUTS DIFFER'} |`);
  }
  lines.push('');
  lines.push('| workload | ours CPU µs/exec | theirs CPU µs/exec | ours CPU µs/state | theirs CPU µs/state | ours allocated B/exec | ours wall/CPU | theirs wall/CPU |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const alloc = median(r.ours.reps.map((x) => x.allocatedBytesPerExecution ?? 0));
    lines.push(`| ${label[r.w]} | ${fmt(1e6 / r.o.cpu, 1)} | ${fmt(1e6 / r.t.cpu, 1)} | ${fmt(1e6 / r.o.cpu / r.statesPerExec, 1)} | ${fmt(1e6 / r.t.cpu / r.statesPerExec, 1)} | ${fmt(alloc)} | ${fmt(r.o.cpu / r.o.wall, 2)} | ${fmt(r.t.cpu / r.t.wall, 2)} |`);
  }
  const table = lines.join('\n');
  console.log('\n' + table + '\n');

  const md = [];
  md.push('# bench/Engine results: our ASL engine vs aws-local-stepfunctions 3');
  md.push('');
  md.push('Generated by `bench/Engine/run.sh` (both sides in one invocation, alternating round by round). Target: ours ≥ 20× their throughput.');
  md.push('');
  md.push('## Machine and run');
  md.push('');
  for (const [k, v] of Object.entries(meta)) md.push(`- ${k}: ${v}`);
  md.push('');
  md.push('## Results');
  md.push('');
  md.push(table);
  md.push('');
  md.push('- exec/s: executions per wall-clock second, one execution at a time, warm. Median over all repetitions of all rounds; min–max is the spread.');
  md.push('- µs/state: wall time per state transition = 1 / (exec/s × states/exec). States per execution are counted from our history ' +
    '(`*StateEntered` events, nested Map/Parallel states included) and used for both sides (same cases, same results). ' +
    `Their own event log counts ${rows.map((r) => `${label[r.w]}: ${fmt(r.theirsStatesPerExec, 2)}`).join('; ')}.`);
  md.push('- Second table: the same medians on a CPU-time basis (process CPU, user+sys, all threads, per execution / per state), our managed allocation per execution, and wall ÷ CPU time (how much longer than its CPU time an execution took on this shared machine: ~1 would be an idle core).');
  md.push('- ratio, CPU-time basis: executions per process-CPU-second (user+sys, all threads) ours / theirs. On a loaded machine this is less sensitive to ' +
    'how much of the CPU each process got; the wall-clock ratio is the headline.');
  md.push('- correct: executions whose result matches (corpus: expected.json per tests/asl-conformance/run-case.md; run-job: SUCCEEDED), checked on one untimed pass ' +
    'of exactly the timed workload; "same output" = both engines returned the identical run-job output.');
  md.push('');
  if (selection) {
    md.push('## Corpus case set');
    md.push('');
    md.push(`- ${selection.total} cases in tests/asl-conformance/{cases,extra-cases}; ${selection.jsonataExcluded} use JSONata (excluded: aws-local-stepfunctions does not evaluate it); ${selection.taskExcluded} have Task states (excluded).`);
    md.push(`- ${selection.candidates} JSONPath candidates. Correct against expected.json: ours ${selection.ours.pass}/${selection.candidates} (fail ${selection.ours.fail}, invalid ${selection.ours.invalid}); ` +
      `theirs ${selection.theirs.pass ?? 0}/${selection.candidates} (${Object.entries(selection.theirs).filter(([k]) => k !== 'pass').map(([k, v]) => `${k} ${v}`).join(', ')}).`);
    md.push(`- Benchmarked set = cases both engines get right: **${selection.common} cases** (${selection.commonStates} state transitions per pass). Ours-only correct: ${selection.oursOnly}; theirs-only correct: ${selection.theirsOnly}.`);
    md.push('');
  }
  if (hotspotsPath && existsSync(hotspotsPath)) {
    md.push(readFileSync(hotspotsPath, 'utf8').trim());
    md.push('');
  }
  if (selection?.theirsFailures?.length) {
    md.push('<details><summary>Candidates aws-local-stepfunctions gets wrong (' + selection.theirsFailures.length + ')</summary>');
    md.push('');
    for (const f of selection.theirsFailures) md.push('- ' + f.replace(/\|/g, '\\|'));
    md.push('');
    md.push('</details>');
    md.push('');
  }
  writeFileSync(mdPath, md.join('\n'));
}

/** Key order does not matter for "same output". */
function canon(v) {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]));
  return v;
}
