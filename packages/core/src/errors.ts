// SPDX-License-Identifier: MIT

/**
 * Why a Fedikit operation failed. Stable strings: safe to switch on and to show in translated UI.
 * - `INVALID_INPUT`: the URL, handle or option given is not something Fedikit understands.
 * - `NOT_FOUND`: the server answered that the post or account does not exist (404/410).
 * - `AUTH_REQUIRED`: the server refuses anonymous reads (401/403/422 or a login page).
 * - `RATE_LIMITED`: still 429 after the allowed retries.
 * - `NETWORK`: the server could not be reached.
 * - `TIMEOUT`: no complete answer before the deadline.
 * - `TOO_LARGE`: the answer exceeded the byte cap.
 * - `INVALID_RESPONSE`: the answer was not the expected JSON.
 * - `SERVER`: any other HTTP error.
 * - `ABORTED`: the caller aborted.
 */
export type FediErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'AUTH_REQUIRED'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'INVALID_RESPONSE'
  | 'SERVER'
  | 'ABORTED';

/** Extra facts about a failure. */
export interface FediErrorProps {
  readonly code: FediErrorCode;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The URL that failed. */
  readonly url?: string;
}

/** The one error type every Fedikit API throws. */
export class FediError extends Error {
  override readonly name = 'FediError';
  readonly code: FediErrorCode;
  readonly status?: number;
  readonly url?: string;

  constructor(message: string, props: FediErrorProps, options?: ErrorOptions) {
    super(message, options);
    this.code = props.code;
    this.status = props.status;
    this.url = props.url;
  }

  /** Wraps anything thrown into a FediError, keeping FediErrors as they are. */
  static from(cause: unknown): FediError {
    if (cause instanceof FediError) return cause;
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      return new FediError('Aborted', { code: 'ABORTED' }, { cause });
    }
    return new FediError(
      String((cause as Error)?.message ?? cause),
      { code: 'NETWORK' },
      { cause },
    );
  }
}
