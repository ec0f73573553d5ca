/**
 * Error answers. Auvik documents errors as `{ errors: [ ... ] }` with JSON:API-style members; the
 * simulator always fills status (string), title and detail.
 */

export interface ErrorObject {
	status: string;
	title: string;
	detail: string;
}

export interface ErrorBody {
	errors: ErrorObject[];
}

const TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

export function statusTitle(status: number): string {
	return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

export function errorBody(status: number, detail: string, title = statusTitle(status)): ErrorBody {
	return { errors: [{ status: String(status), title, detail }] };
}

/** Thrown by validation and route handlers; the server turns it into an error answer. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly detail: string,
		readonly headers: Record<string, string> = {},
	) {
		super(`${status} ${detail}`);
		this.name = 'ApiError';
	}

	body(): ErrorBody {
		return errorBody(this.status, this.detail);
	}
}

export const badRequest = (detail: string): ApiError => new ApiError(400, detail);
export const forbidden = (detail: string): ApiError => new ApiError(403, detail);
export const notFound = (detail: string): ApiError => new ApiError(404, detail);
