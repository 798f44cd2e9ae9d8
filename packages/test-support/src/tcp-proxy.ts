import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port.ts';

export type ProxyMode = 'forward' | 'refuse' | 'stall' | 'deaf';

/**
 * A loopback proxy in front of a real server that a test can switch to refuse connections (the
 * server is gone), to stall them (accepts, never answers: a hung server), or to be deaf (passes
 * each request on, and the server acts on it, but its answer is lost: a timeout after the fact),
 * and back.
 */
export class FaultProxy {
  mode: ProxyMode = 'forward';
  port = 0;
  connections = 0;
  readonly #target: { host: string; port: number };
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();

  constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    await this.#listen();
  }

  /** Refusing means nothing listens: close the listener and every open connection. */
  async setMode(mode: ProxyMode): Promise<void> {
    this.mode = mode;
    this.#dropAll();
    if (mode === 'refuse') await this.#close();
    else if (!this.#server) await this.#listen();
  }

  async stop(): Promise<void> {
    this.#dropAll();
    await this.#close();
  }

  #dropAll(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }

  #listen(): Promise<void> {
    const server = createServer((client) => {
      this.connections += 1;
      this.#sockets.add(client);
      client.on('close', () => this.#sockets.delete(client));
      client.on('error', () => client.destroy());
      if (this.mode === 'stall') return;
      const upstream = createConnection(this.#target);
      this.#sockets.add(upstream);
      upstream.on('close', () => this.#sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      if (this.mode === 'deaf') {
        client.pipe(upstream);
        upstream.resume();
        return;
      }
      client.pipe(upstream).pipe(client);
    });
    this.#server = server;
    return new Promise((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  #close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    return server ? new Promise((resolve) => server.close(() => resolve())) : Promise.resolve();
  }
}
