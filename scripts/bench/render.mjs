#!/usr/bin/env node
// Re-renders benchmarks.md and benchmarks.svg from the raw results bench.mjs wrote, keeping the Notes block of the
// existing benchmarks.md (edit the notes, then re-render):
//   node scripts/bench/render.mjs [results.json (default scripts/bench/results/latest.json)] [out dir (default docs/)]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { renderMarkdown, renderSvg } from './lib/report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const file = resolve(process.argv[2] ?? join(here, 'results', 'latest.json'));
const outDir = resolve(process.argv[3] ?? join(here, '..', '..', 'docs'));
const results = JSON.parse(readFileSync(file, 'utf8'));
writeFileSync(join(outDir, 'benchmarks.svg'), renderSvg(results));
writeFileSync(join(outDir, 'benchmarks.md'), renderMarkdown(results, { previousPath: join(outDir, 'benchmarks.md') }));
console.log(`rendered ${join(outDir, 'benchmarks.md')} and benchmarks.svg from ${file}`);
