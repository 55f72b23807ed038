// bench/Jsonata: sorts the extracted expressions by what each side makes of them, and turns both sides' bench JSON
// into the table (stdout) and results.md. Plain Node, no dependencies.
//
//   node report.mjs select <expressions.json> <ours-check.json> <theirs-check.json> <out-dir>
//        writes <out-dir>/common.txt (benchmarked ids), <out-dir>/sf.txt (Step Functions function ids), selection.json
//   node report.mjs report <results-dir> <results.md> <meta.json> [<hotspots.md>]
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [command, ...args] = process.argv.slice(2);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Same JSON: key order ignored, array order kept, numbers by value; undefined equals only undefined. */
function sameValue(a, b) {
  if (a.undefined || b.undefined) return Boolean(a.undefined) && Boolean(b.undefined);
  return deepEqual(JSON.parse(a.json), JSON.parse(b.json));
}
function deepEqual(x, y) {
  if (Array.isArray(x) || Array.isArray(y)) return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const kx = Object.keys(x).sort();
    const ky = Object.keys(y).sort();
    return kx.length === ky.length && kx.every((k, i) => k === ky[i] && deepEqual(x[k], y[k]));
  }
  return x === y;
}
const show = (r) => (r.ok ? (r.undefined ? 'undefined' : r.json) : `error ${r.error}`);

function select(expressionsPath, oursPath, theirsPath, outDir) {
  const items = readJson(expressionsPath).items;
  const ours = new Map(readJson(oursPath).rows.map((r) => [r.id, r]));
  const theirs = new Map(readJson(theirsPath).rows.map((r) => [r.id, r]));
  const groups = { common: [], disagree: [], oursOnly: [], theirsOnly: [], bothError: [], sfOurs: [], sfError: [] };
  for (const item of items) {
    const o = ours.get(item.id);
    const t = theirs.get(item.id);
    if (!o || !t) throw new Error(`no check result for ${item.id}`);
    const row = { id: item.id, expression: item.expression.trim(), field: item.field, synthetic: Boolean(item.synthetic), sf: Boolean(item.stepFunctionsFunctions), ours: show(o), theirs: show(t), theirsFunction: Boolean(t.function) };
    if (item.recorded) {
      const aws = { ok: true, json: JSON.stringify(item.recorded.output) };
      row.awsRecorded = { ours: o.ok && sameValue(o, aws), theirs: t.ok && sameValue(t, aws) };
    }
    // The npm package has no $partition/$range/$hash/$uuid/$parse/$random, and aws-local-stepfunctions provides none
    // for JSONata (it does not evaluate JSONata): these are ours only by construction.
    if (item.stepFunctionsFunctions) groups[o.ok ? 'sfOurs' : 'sfError'].push(row);
    else if (o.ok && t.ok) groups[sameValue(o, t) ? 'common' : 'disagree'].push(row);
    else if (o.ok) groups.oursOnly.push(row);
    else if (t.ok) groups.theirsOnly.push(row);
    else groups.bothError.push(row);
  }
  const corpus = items.filter((x) => !x.synthetic);
  const selection = {
    extracted: corpus.length,
    distinctTexts: new Set(corpus.map((x) => x.expression.trim())).size,
    synthetic: items.length - corpus.length,
    benchmarked: groups.common.length,
    benchmarkedDistinctTexts: new Set(groups.common.map((x) => x.expression)).size,
    onlyOurs: groups.oursOnly.length + groups.sfOurs.filter((x) => !x.synthetic).length,
    onlyOursStepFunctions: groups.sfOurs.filter((x) => !x.synthetic).length,
    onlyOursOther: groups.oursOnly.length,
    onlyTheirs: groups.theirsOnly.length,
    disagree: groups.disagree.length,
    bothError: groups.bothError.length,
    stepFunctionsOursError: groups.sfError.length,
    stepFunctionsBenchmarked: groups.sfOurs.length,
    // Expressions whose AWS-recorded value is known (the whole Output of a one-step machine): how many each side matches.
    awsRecorded: {
      expressions: Object.values(groups).flat().filter((r) => r.awsRecorded).length,
      ours: Object.values(groups).flat().filter((r) => r.awsRecorded?.ours).length,
      theirs: Object.values(groups).flat().filter((r) => r.awsRecorded?.theirs).length,
      oursStepFunctions: groups.sfOurs.filter((r) => r.awsRecorded?.ours).length,
      stepFunctions: groups.sfOurs.concat(groups.sfError).filter((r) => r.awsRecorded).length,
      misses: Object.values(groups).flat().filter((r) => r.awsRecorded && !(r.awsRecorded.ours && (r.awsRecorded.theirs || r.sf)))
        .map((r) => `${r.id}: ours ${r.awsRecorded.ours ? 'matches' : 'differs'}, theirs ${r.awsRecorded.theirs ? 'matches' : 'differs'}`),
    },
    groups,
  };
  writeFileSync(join(outDir, 'common.txt'), groups.common.map((x) => x.id).join('\n') + '\n');
  writeFileSync(join(outDir, 'sf.txt'), groups.sfOurs.map((x) => x.id).join('\n') + '\n');
  writeFileSync(join(outDir, 'selection.json'), JSON.stringify(selection, null, 1));
  console.error(`select: ${selection.extracted} extracted (+${selection.synthetic} synthetic); benchmarked (both ok, same JSON) ${selection.benchmarked}; ` +
    `only ours ${selection.onlyOurs} (${selection.onlyOursStepFunctions} Step Functions functions); only theirs ${selection.onlyTheirs}; ` +
    `disagree ${selection.disagree}; both error ${selection.bothError}`);
  for (const d of groups.disagree) console.error(`  disagree: ${d.expression} (${d.id}): ours ${d.ours.slice(0, 120)} / theirs ${d.theirs.slice(0, 120)}`);
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
function fmt(x, digits = 0) { return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }); }
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function report(dir, mdPath, metaPath, hotspotsPath) {
  const meta = readJson(metaPath);
  const selection = readJson(join(dir, 'selection.json'));
  const bySideWorkload = new Map();
  for (const f of readdirSync(dir).filter((x) => /^(ours|theirs)-.*-round\d+\.json$/.test(x))) {
    const d = readJson(join(dir, f));
    const key = `${d.side}/${d.workload}`;
    const entry = bySideWorkload.get(key) ?? { ...d, reps: [], resultSets: [] };
    entry.reps.push(...d.reps);
    entry.resultSets.push(d.results);
    bySideWorkload.set(key, entry);
  }
  const stats = (side) => {
    const wall = side.reps.map((r) => r.evaluations / r.seconds);
    const cpu = side.reps.map((r) => r.evaluations / r.cpuSeconds);
    return { wall: median(wall), wallMin: Math.min(...wall), wallMax: Math.max(...wall), cpu: median(cpu), n: wall.length };
  };
  const label = {
    'parse-eval': 'parse + evaluate (no cache)', eval: 'evaluate pre-parsed (cached)',
    'sf-parse-eval': 'Step Functions functions, parse + evaluate', 'sf-eval': 'Step Functions functions, evaluate pre-parsed',
  };
  const rows = [];
  for (const w of ['parse-eval', 'eval', 'sf-parse-eval', 'sf-eval']) {
    const ours = bySideWorkload.get(`ours/${w}`);
    if (!ours) continue;
    const theirs = bySideWorkload.get(`theirs/${w}`);
    const o = stats(ours);
    const t = theirs ? stats(theirs) : null;
    // Every round's untimed pass, both sides: the timed work returned the same JSON on both.
    let same = null;
    if (theirs) {
      same = ours.resultSets.concat(theirs.resultSets).every((set) => set.length === ours.resultSets[0].length &&
        set.every((r, i) => r.id === ours.resultSets[0][i].id && sameValue(r, ours.resultSets[0][i])));
    }
    const alloc = median(ours.reps.map((x) => x.allocatedBytesPerEvaluation));
    rows.push({ w, ours, theirs, o, t, same, alloc });
  }

  const lines = [];
  lines.push('| workload | expressions | ours eval/s (median, min–max) | theirs eval/s (median, min–max) | **ratio ours/theirs, wall** | ratio, CPU-time basis | ours CPU µs/eval | theirs CPU µs/eval | ours allocated B/eval | same results |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const theirsCell = r.t ? `${fmt(r.t.wall)} (${fmt(r.t.wallMin)}–${fmt(r.t.wallMax)})` : '— (no such functions)';
    lines.push(`| ${label[r.w]} | ${r.ours.expressions} | ${fmt(r.o.wall)} (${fmt(r.o.wallMin)}–${fmt(r.o.wallMax)}) | ${theirsCell} | ` +
      `${r.t ? `**${fmt(r.o.wall / r.t.wall, 1)}×**` : '—'} | ${r.t ? `${fmt(r.o.cpu / r.t.cpu, 1)}×` : '—'} | ${fmt(1e6 / r.o.cpu, 2)} | ${r.t ? fmt(1e6 / r.t.cpu, 2) : '—'} | ` +
      `${fmt(r.alloc)} | ${r.same === null ? 'ours only' : r.same ? 'yes' : '**NO**'} |`);
  }
  const table = lines.join('\n');
  console.log('\n' + table + '\n');

  const md = [];
  md.push('# bench/Jsonata results: Orchestrator.Jsonata vs the jsonata npm package');
  md.push('');
  md.push('Generated by `bench/Jsonata/run.sh` (both sides in one invocation, alternating round by round). ' +
    'Expressions: the `{% %}` expressions of the JSONata states in tests/asl-conformance that both evaluate to the same JSON.');
  md.push('');
  md.push('## Machine and run');
  md.push('');
  for (const [k, v] of Object.entries(meta)) md.push(`- ${k}: ${v}`);
  md.push('');
  md.push('## Results');
  md.push('');
  md.push(table);
  md.push('');
  md.push('- eval/s: expression evaluations per wall-clock second, one at a time, warm; median over all repetitions of all rounds, min–max the spread. ' +
    'One iteration evaluates every benchmarked expression once with its own bindings.');
  md.push('- ratio, CPU-time basis: evaluations per process-CPU-second (user+sys, all threads, so JIT and GC threads count) ours / theirs. ' +
    'On this shared machine it is less sensitive to how much CPU each process got; the wall-clock ratio is the headline.');
  md.push('- ours allocated B/eval: managed bytes allocated on the evaluating thread per evaluation (GC.GetAllocatedBytesForCurrentThread), median over repetitions.');
  md.push('- same results: the untimed pass before every timed run recorded each result; every round of both sides returned the same JSON for every expression.');
  md.push('- Step Functions functions rows are ours only: the npm package has none of them and aws-local-stepfunctions 3 provides none for JSONata ' +
    '(it does not evaluate JSONata; its intrinsics States.ArrayPartition etc. are JSONPath-only and not exported), so there is no ratio.');
  md.push('');
  md.push('## Expression set');
  md.push('');
  const s = selection;
  md.push(`| | count |`);
  md.push('|---|---:|');
  md.push(`| extracted from the corpus (\`{% %}\` strings in JSONata states; ${s.distinctTexts} distinct texts) | ${s.extracted} |`);
  md.push(`| both evaluate without error and return the same JSON: **benchmarked** (${s.benchmarkedDistinctTexts} distinct texts) | ${s.benchmarked} |`);
  md.push(`| only ours evaluates | ${s.onlyOurs} |`);
  md.push(`|   of which call Step Functions functions ($partition, $range, $parse; ours only by construction) | ${s.onlyOursStepFunctions} |`);
  md.push(`|   of which other (theirs raised an error) | ${s.onlyOursOther} |`);
  md.push(`| only theirs evaluates | ${s.onlyTheirs} |`);
  md.push(`| both evaluate, different JSON: **disagree** | ${s.disagree} |`);
  md.push(`| both raise an error | ${s.bothError} |`);
  md.push(`| synthetic Step Functions function expressions added for $hash/$uuid coverage (ours only, not counted above) | ${s.synthetic} |`);
  md.push('');
  const functions = s.groups.common.filter((r) => r.theirsFunction);
  if (functions.length) {
    md.push(`Counted as the same by convention: ${functions.length} benchmarked expression(s) whose value is a function (${functions.map((r) => `\`${cell(r.expression)}\``).join(', ')}): ` +
      'not JSON; the npm package returns a lambda object, ours returns undefined (as documented in its README), and a function prints as undefined in JSON.');
    md.push('');
  }
  md.push(`Bugs found in ours: ${s.disagree + s.onlyTheirs === 0 ? 'none (no disagreement, nothing only theirs evaluates)' : 'see the disagreements and only-theirs lists below'}.`);
  md.push('');
  const a = s.awsRecorded;
  md.push(`Cross-check against AWS: for ${a.expressions} expressions the bindings are exactly what AWS used (the expression is the whole ` +
    'Output of a one-step machine with no variables), so the AWS-recorded output in expected.json is its value. ' +
    `Ours matches ${a.ours}/${a.expressions} (Step Functions functions: ${a.oursStepFunctions}/${a.stepFunctions}); theirs ${a.theirs}/${a.expressions} ` +
    '(theirs cannot match the Step Functions function ones).' + (a.misses.length ? ' Misses: ' + a.misses.map(cell).join('; ') : ''));
  md.push('');
  const list = (title, rows) => {
    md.push(`**${title}** (${rows.length})`);
    md.push('');
    if (rows.length === 0) { md.push('None.'); md.push(''); return; }
    md.push('| expression | where | ours | theirs |');
    md.push('|---|---|---|---|');
    for (const r of rows) md.push(`| \`${cell(r.expression)}\` | ${cell(r.id)} | ${cell(r.ours.slice(0, 160))} | ${cell(r.theirs.slice(0, 160))} |`);
    md.push('');
  };
  list('Disagreements', s.groups.disagree);
  list('Only ours (not Step Functions functions)', s.groups.oursOnly);
  list('Only theirs', s.groups.theirsOnly);
  list('Both raise an error', s.groups.bothError);
  const texts = new Map();
  for (const r of s.groups.sfOurs) texts.set(r.expression, (texts.get(r.expression) ?? 0) + 1);
  md.push(`**Step Functions function expressions measured on our side only** (${s.groups.sfOurs.length}: ` +
    `${[...texts].map(([t, n]) => `\`${cell(t)}\` ×${n}`).join(', ')})`);
  md.push('');
  if (s.groups.sfError.length) list('Step Functions function expressions ours fails on', s.groups.sfError);
  const benchTexts = new Map();
  for (const r of s.groups.common) benchTexts.set(r.expression, (benchTexts.get(r.expression) ?? 0) + 1);
  if (hotspotsPath && existsSync(hotspotsPath)) {
    md.push(readFileSync(hotspotsPath, 'utf8').trim());
    md.push('');
    if (existsSync(join(dir, 'profile.txt'))) {
      md.push('`Orchestrator.Bench.Jsonata profile` in this run (median of 5 × 200,000 calls, one thread):');
      md.push('');
      md.push('```');
      md.push(readFileSync(join(dir, 'profile.txt'), 'utf8').trim());
      md.push('```');
      md.push('');
    }
  }
  md.push('<details><summary>Benchmarked expression texts (' + benchTexts.size + ' distinct, ' + s.benchmarked + ' occurrences)</summary>');
  md.push('');
  for (const [t, n] of [...benchTexts].sort((a, b) => b[1] - a[1])) md.push(`- \`${cell(t)}\` ×${n}`);
  md.push('');
  md.push('</details>');
  md.push('');
  writeFileSync(mdPath, md.join('\n'));
}

if (command === 'select') select(...args);
else if (command === 'report') report(...args);
else { console.error('usage: select ... | report ...'); process.exit(2); }
