/**
 * A throwaway loopback HTTP server for harness tests: records every request (method, url,
 * headers, body) and answers through a handler you can swap per test.
 *
 * `close()` also drops keep-alive sockets: n8n-core's request helper reuses connections, and a
 * plain `server.close()` would wait for them (jest then reports an open handle / hangs).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path + query, e.g. `/things?page=2`. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export type TestServerHandler = (
	request: RecordedRequest,
	res: ServerResponse,
	req: IncomingMessage,
) => void | Promise<void>;

export interface TestServer {
	/** `http://127.0.0.1:<port>` (no trailing slash). */
	baseUrl: string;
	port: number;
	/** Every request received, in order. */
	requests: RecordedRequest[];
	/** Replace the handler (e.g. per test). */
	setHandler(handler: TestServerHandler): void;
	/** Forget recorded requests. */
	reset(): void;
	close(): Promise<void>;
}

/** Helper for handlers: write a JSON (or any) body with a status and content type. */
export function reply(
	res: ServerResponse,
	status: number,
	body?: unknown,
	headers: Record<string, string> = {},
): void {
	const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, {
		...(body !== undefined && { 'content-type': 'application/json' }),
		...headers,
	});
	res.end(payload);
}

export async function startTestServer(handler?: TestServerHandler): Promise<TestServer> {
	let current: TestServerHandler = handler ?? ((_request, res) => reply(res, 200, { ok: true }));
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded: RecordedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			Promise.resolve(current(recorded, res, req)).catch((error: unknown) => {
				if (!res.headersSent) reply(res, 500, { harnessHandlerError: String(error) });
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		port,
		requests,
		setHandler(next) {
			current = next;
		},
		reset() {
			requests.length = 0;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
