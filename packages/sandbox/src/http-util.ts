// SPDX-License-Identifier: MIT
// Plumbing shared by the three servers: listening with clear errors, and closing promptly even
// when clients hold connections open (hostile scenarios do that on purpose).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Thrown when a port cannot be bound, with the port and the underlying code. */
export class ListenError extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
    cause: unknown,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use.`
        : `Cannot listen on port ${port} (${code}).`,
      { cause },
    );
    this.name = 'ListenError';
  }
}

/** Starts listening and resolves with the bound port (useful for port 0). */
export function listen(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new ListenError(port, error.code ?? 'UNKNOWN', error));
    };
    server.once('error', onError);
    server.listen(port, hostname, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Tracks open sockets so `close()` can destroy them: `server.close()` alone waits for every
 * keep-alive or hanging connection, which would make tests hang on the hostile scenarios.
 */
export function closer(server: Server, onClose?: () => void): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      onClose?.();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    });
    return closing;
  };
}

/** Whether a query value is true the way Rails casts booleans (anything but false-ish values). */
export function truthy(value: string | null): boolean {
  return value !== null && !['', '0', 'f', 'false', 'off', 'F', 'FALSE', 'OFF'].includes(value);
}
