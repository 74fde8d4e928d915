/** Failures of a call to a running akm: the API's own error answer, or no usable answer at all. */
import { printable } from '../output/printable.js';

/** A RAM error response: its Code, Message, HTTP status and RequestId. Exit code 1. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: string,
    readonly apiMessage: string,
    readonly status: number,
    readonly requestId: string | undefined,
  ) {
    // One line, whatever the server put in its message.
    super(printable(`${code}: ${apiMessage}${requestId ? ` (request id ${requestId})` : ''}`));
  }
}

/** The endpoint could not be reached, timed out, or answered something that is not the RAM API. Exit code 1. */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}
