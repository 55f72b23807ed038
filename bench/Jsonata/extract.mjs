// bench/Jsonata: collects every `{% ... %}` expression of the JSONata states in tests/asl-conformance/{cases,extra-cases}
// with the bindings a Step Functions engine would give it, into one JSON file that both sides read.
//
//   node extract.mjs <corpus-root> <expressions.json>
//
// Bindings (an approximation, the same for both sides): $states.input is the case's execution input and
// $states.context a fixed context object (plus Map.Item inside a Map's ItemSelector); $states.result /
// $states.errorOutput are bound where AWS defines them (Output/Assign of Task/Map/Parallel; a Catch's Output/Assign).
// Variables: every Assign of the case, evaluated once in definition order against the case input with the reference
// jsonata package (JSONPath states: literal entries only); an Assign that fails to evaluate is left out.
// Expressions are evaluated with no input (the context `$` is undefined): Step Functions passes data through $states.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsonata from 'jsonata';

const [corpusRoot, outPath] = process.argv.slice(2);
if (!corpusRoot || !outPath) {
  console.error('usage: node extract.mjs <corpus-root> <expressions.json>');
  process.exit(2);
}

const TEMPLATE = /^\{%([\s\S]*)%\}$/;
// The functions Step Functions adds to JSONata; the npm package has none of them (see README.md).
const STEP_FUNCTIONS_FUNCTIONS = /\$(partition|range|hash|random|uuid|parse)\s*\(/;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function context(stateName, input) {
  return {
    Execution: {
      Id: 'arn:aws:states:us-east-1:123456789012:execution:bench:exec-1',
      Input: input,
      Name: 'exec-1',
      RoleArn: 'arn:aws:iam::123456789012:role/bench',
      StartTime: '2026-11-21T03:00:00.000Z',
      RedriveCount: 0,
    },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench', Name: 'bench' },
    State: { EnteredTime: '2026-11-21T03:00:00.000Z', Name: stateName, RetryCount: 0 },
  };
}

/** Every state of the machine, nested ones included, with its effective query language, in definition order. */
function* states(machine, topLanguage, pointer) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    const here = `${pointer}/States/${escape(name)}`;
    const language = state.QueryLanguage ?? topLanguage;
    yield { name, state, language, pointer: here };
    for (const [i, branch] of (state.Branches ?? []).entries()) yield* states(branch, topLanguage, `${here}/Branches/${i}`);
    if (state.ItemProcessor) yield* states(state.ItemProcessor, topLanguage, `${here}/ItemProcessor`);
    if (state.Iterator) yield* states(state.Iterator, topLanguage, `${here}/Iterator`);
  }
}

const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const NESTED = new Set(['Branches', 'ItemProcessor', 'Iterator']);

/** Every template string of one JSONata state (not of its nested machines), with its JSON pointer. */
function* templates(value, pointer, path) {
  if (typeof value === 'string') {
    const m = TEMPLATE.exec(value);
    if (m) yield { expression: m[1], pointer, path };
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* templates(v, `${pointer}/${i}`, [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && NESTED.has(k)) continue;
      yield* templates(v, `${pointer}/${escape(k)}`, [...path, k]);
    }
  }
}

async function evaluate(expression, bindings) {
  const result = await jsonata(expression).evaluate(undefined, bindings);
  return typeof result === 'function' ? undefined : JSON.parse(JSON.stringify(result) ?? 'null');
}

/** A template with every `{% %}` string evaluated (the reference package); throws if one fails. */
async function resolve(value, bindings) {
  if (typeof value === 'string') {
    const m = TEMPLATE.exec(value);
    return m ? evaluate(m[1], bindings) : value;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolve(v, bindings)));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolve(v, bindings);
    return out;
  }
  return value;
}

async function variables(machine, input) {
  const vars = {};
  const lists = [];
  for (const { name, state, language } of states(machine, machine.QueryLanguage ?? 'JSONPath', '')) {
    lists.push({ assign: state.Assign, name, language });
    for (const rule of state.Choices ?? []) lists.push({ assign: rule.Assign, name, language });
    for (const c of state.Catch ?? []) lists.push({ assign: c.Assign, name, language });
  }
  for (const { assign, name, language } of lists) {
    if (!assign || typeof assign !== 'object') continue;
    for (const [key, value] of Object.entries(assign)) {
      if (language !== 'JSONata') {
        if (!key.endsWith('.$')) vars[key] = value;
        continue;
      }
      try {
        const v = await resolve(value, { ...vars, states: { input, context: context(name, input) } });
        if (v !== undefined) vars[key] = v;
      } catch {
        // left out: the expression fails against the case input (it needs a state's actual input)
      }
    }
  }
  return vars;
}

async function mapItem(state, input) {
  let items = Array.isArray(input) ? input : null;
  if (typeof state.Items === 'string' && TEMPLATE.test(state.Items)) {
    try { items = await resolve(state.Items, { states: { input, context: context('', input) } }); } catch { items = null; }
  } else if (Array.isArray(state.Items)) items = state.Items;
  return { Index: 0, Value: Array.isArray(items) && items.length ? items[0] : null };
}

const items = [];
let cases = 0;
let jsonataCases = 0;
for (const sub of ['cases', 'extra-cases']) {
  const root = join(corpusRoot, sub);
  if (!existsSync(root)) continue;
  for (const entry of readdirSync(root).sort()) {
    const dir = join(root, entry);
    if (!existsSync(join(dir, 'definition.json'))) continue;
    cases++;
    const machine = readJson(join(dir, 'definition.json'));
    const input = readJson(join(dir, 'input.json'));
    const found = [];
    for (const s of states(machine, machine.QueryLanguage ?? 'JSONPath', '')) {
      if (s.language !== 'JSONata') continue;
      for (const t of templates(s.state, s.pointer, [])) found.push({ ...s, ...t });
    }
    if (found.length === 0) continue;
    jsonataCases++;
    const vars = await variables(machine, input);
    const expected = readJson(join(dir, 'expected.json'));
    for (const f of found) {
      const field = f.path[0];
      const inCatch = field === 'Catch';
      const fieldPath = f.path.filter((k) => typeof k === 'string').join('.');
      const ctx = context(f.name, input);
      if (f.state.Type === 'Map' && (field === 'ItemSelector' || field === 'Parameters')) ctx.Map = { Item: await mapItem(f.state, input) };
      const statesVar = { input, context: ctx };
      const resultField = inCatch ? f.path[2] : field;
      if (inCatch && ['Output', 'Assign'].includes(resultField)) {
        statesVar.errorOutput = { Error: 'States.TaskFailed', Cause: 'stand-in error output' };
      } else if (['Task', 'Map', 'Parallel'].includes(f.state.Type) && ['Output', 'Assign'].includes(field)) {
        // No corpus expression reads $states.result; a stand-in of realistic size is bound so its cost is there.
        statesVar.result = input;
      }
      // Where the expression is the whole Output of a one-step machine (its first state ends it, no variables), the bindings
      // are exactly what AWS used, so the AWS-recorded output is this expression's expected value.
      const top = f.pointer === `/States/${escape(machine.StartAt)}/Output` && f.state.End === true;
      const recorded = top && Object.keys(vars).length === 0 && expected.status === 'SUCCEEDED' && 'output' in expected
        ? { output: expected.output } : undefined;
      items.push({
        id: `${relative(corpusRoot, dir)}#${f.pointer}`,
        case: relative(corpusRoot, dir),
        pointer: f.pointer,
        field: fieldPath,
        stateType: f.state.Type,
        expression: f.expression,
        stepFunctionsFunctions: STEP_FUNCTIONS_FUNCTIONS.test(f.expression),
        bindings: { ...vars, states: statesVar },
        ...(recorded ? { recorded } : {}),
      });
    }
  }
}

// $hash and $uuid do not occur in the corpus: a few synthetic expressions so that every Step Functions function is
// measured (ours only).
const synthetic = [
  "$hash($states.input.text, 'SHA-256')",
  "$hash($states.input.text, 'MD5')",
  '$uuid()',
  '$parse($states.input.json).items[price > 10].name',
  '$partition($range(1, 40, 1), 7)',
];
for (const [i, expression] of synthetic.entries()) {
  const input = { text: 'nightly-report 2026-11-21T03:00:00Z', json: '{"items":[{"name":"a","price":5},{"name":"b","price":12},{"name":"c","price":30}]}' };
  items.push({
    id: `synthetic#${i}`, case: 'synthetic', pointer: `/${i}`, field: 'Output', stateType: 'Pass', expression,
    stepFunctionsFunctions: true, synthetic: true, bindings: { states: { input, context: context('Synthetic', input) } },
  });
}

writeFileSync(outPath, JSON.stringify({ cases, jsonataCases, items }, null, 1));
const corpus = items.filter((x) => !x.synthetic);
console.error(`extract: ${cases} cases, ${jsonataCases} with JSONata expressions; ${corpus.length} expressions ` +
  `(${new Set(corpus.map((x) => x.expression)).size} distinct texts), ${corpus.filter((x) => x.stepFunctionsFunctions).length} use Step Functions functions; ` +
  `+${synthetic.length} synthetic Step Functions function expressions`);
