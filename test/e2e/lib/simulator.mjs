// Loads the project's Auvik API simulator (TypeScript, test/simulator) from plain ESM: compiles it with the repo's own
// tsc into a temp folder (CommonJS, ~2.5 s), then requires it. The simulator runs in the test process; the n8n helpers
// are async, so it keeps answering while n8n runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SIM_ENTRY = join(REPO_ROOT, 'test', 'simulator', 'index.ts');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** false, or why the simulator cannot be loaded (for `{ skip }`). */
/**
 * Why an e2e file that runs the real package against the simulator must skip (no n8n runtime, no
 * dist/, no simulator), or false. Logs the reason once, tagged with the file's label.
 */
export function auvikE2eSkip(label, runtime) {
	const built = existsSync(join(REPO_ROOT, 'dist', 'nodes', 'Auvik', 'Auvik.node.js'));
	const skip =
		runtime.skip ||
		(!built && 'dist/nodes/Auvik/Auvik.node.js is missing: run `npm run build` first') ||
		simulatorSkipReason();
	if (skip) console.log(`e2e: SKIP ${label}: ${skip}`);
	return skip;
}

export function simulatorSkipReason() {
	if (!existsSync(SIM_ENTRY)) return `Auvik simulator not found (${SIM_ENTRY})`;
	if (!existsSync(TSC)) return 'typescript is not installed in the repo (run npm ci)';
	return false;
}

/**
 * Compiles test/simulator (and the catalogue files it imports) and returns { startSimulator, cleanup }.
 * The output goes to a fresh folder under test/e2e/.tmp (gitignored) so parallel test files do not collide.
 */
export function loadSimulator() {
	const parent = join(REPO_ROOT, 'test', 'e2e', '.tmp');
	mkdirSync(parent, { recursive: true });
	const outDir = mkdtempSync(join(parent, 'sim-'));
	try {
		execFileSync(
			process.execPath,
			[
				TSC,
				'--outDir', outDir,
				'--rootDir', REPO_ROOT,
				'--module', 'commonjs',
				'--moduleResolution', 'node',
				'--target', 'es2022',
				'--esModuleInterop',
				'--skipLibCheck',
				'--resolveJsonModule',
				'--types', 'node',
				'--sourceMap', 'false',
				'--declaration', 'false',
				SIM_ENTRY,
			],
			{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
		);
	} catch (e) {
		rmSync(outDir, { recursive: true, force: true });
		throw new Error(`compiling the simulator failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
	}
	const require = createRequire(import.meta.url);
	const mod = require(join(outDir, 'test', 'simulator', 'index.js'));
	return {
		startSimulator: mod.startSimulator,
		module: mod,
		cleanup: () => rmSync(outDir, { recursive: true, force: true }),
	};
}
