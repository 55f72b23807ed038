// Records the expected outcome of each case by running the reference jsonata npm package
// (node_modules/jsonata at the repository root). Usage: node record-expectations.js <cases.json>...
// Each case: { "expr": "...", "data": "<dataset name>" | "input": <json> | neither (no input) }.
// Writes "result" (or "undefined": true, or "error": "<code>") back into the file.
const fs = require('fs');
const path = require('path');
const jsonata = require(path.join(__dirname, '../../../node_modules/jsonata'));
const datasets = JSON.parse(fs.readFileSync(path.join(__dirname, 'datasets.json'), 'utf8'));

(async () => {
  for (const file of process.argv.slice(2)) {
    const cases = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const c of cases) {
      delete c.result; delete c.undefined; delete c.error;
      const input = c.data !== undefined ? datasets[c.data] : c.input;
      try {
        const expr = jsonata(c.expr);
        const bindings = c.bindings || {};
        const value = await expr.evaluate(input === undefined ? undefined : JSON.parse(JSON.stringify(input)), bindings);
        const json = JSON.stringify(value);
        if (value === undefined || json === undefined) c.undefined = true; else c.result = JSON.parse(json);
      } catch (e) {
        c.error = e.code || 'JS:' + e.message;
      }
    }
    const lines = cases.map(c => '  ' + JSON.stringify(c));
    fs.writeFileSync(file, '[\n' + lines.join(',\n') + '\n]\n');
  }
})();
