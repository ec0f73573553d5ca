/**
 * Environment defaults for the harness, applied when a harness module is first imported (before
 * n8n-core resolves its Logger / config lazily on the first execution).
 *
 * N8N_LOG_LEVEL: n8n-core's ErrorReporter logs every node error (message + stack) at `error`
 * level through the instance logger, exactly like a real instance's console. In tests that is pure
 * noise, so the harness defaults the level to `silent`. Run with `N8N_LOG_LEVEL=debug npx jest ...`
 * to see the engine's logs (including `this.logger.*` calls from nodes).
 *
 * N8N_USER_FOLDER / N8N_ENCRYPTION_KEY are set by test/setup-env.js (a jest setupFile).
 */
process.env.N8N_LOG_LEVEL ??= 'silent';

export {};
