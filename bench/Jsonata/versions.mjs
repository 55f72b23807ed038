// bench/Jsonata: which jsonata aws-local-stepfunctions bundles, checked against the one installed for the bench.
// aws-local-stepfunctions 3.0.0 has no jsonata dependency of its own: asl-validator (^2.0.6) brings it, and the
// package's browser build inlines the copy it was built with. This prints what the build holds, as JSON.
//
//   node versions.mjs
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const als = JSON.parse(read('./node_modules/aws-local-stepfunctions/package.json'));
const installed = JSON.parse(read('./node_modules/jsonata/package.json')).version;
const installedSource = read('./node_modules/jsonata/jsonata.js');

// The inlined module runs from its esbuild banner to the next module's banner.
const bundle = read('./node_modules/aws-local-stepfunctions/build/main.browser.esm.js');
const start = bundle.indexOf('// node_modules/jsonata/jsonata.js');
const end = start < 0 ? -1 : bundle.indexOf('\n// node_modules/', start + 10);
const bundled = start < 0 ? '' : bundle.slice(start, end < 0 ? undefined : end);

// The error catalog (code -> message) differs between 2.1.x and 2.2.x; two code shapes tell 2.1.0 from its neighbours:
// parseWidth arrived in 2.1.0 (not in 2.0.6), the toPrecision ternary was rewritten in 2.1.1.
const catalog = (text) => [...text.matchAll(/"([STDU]\d{4})":\s*"((?:\\.|[^"\\])*)"/g)].map((m) => `${m[1]}=${m[2]}`).sort().join('\n');
const markers = (text) => ({
  parseWidth: text.includes('parseWidth'),
  toPrecisionTernary: /toPrecision && isNumeric\(val\)\)? \? Number\(val\.toPrecision\(15\)\)/.test(text),
});
const bundledMarkers = markers(bundled);
const installedMarkers = markers(installedSource);

console.log(JSON.stringify({
  awsLocalStepFunctions: als.version,
  alsJsonataDependency: als.dependencies?.jsonata ?? 'none (comes through asl-validator)',
  installedJsonata: installed,
  bundleHasJsonata: bundled.length > 0,
  bundledCatalogEqualsInstalled: bundled.length > 0 && catalog(bundled) === catalog(installedSource),
  bundledCatalogCodes: catalog(bundled).split('\n').filter(Boolean).length,
  bundledMarkers,
  installedMarkers,
  bundledLooksLike210: bundledMarkers.parseWidth && bundledMarkers.toPrecisionTernary,
}));
