// The container's network namespace: which ports listen and how each listener answers, all in virtual time.

export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** the caller's address as a server would log it */
  remote: string;
}

export type HttpAnswer =
  | { kind: 'response'; status: number; body: string; location?: string; delayMs: number }
  /** the server accepted the connection but never answers (not an HTTP server, or hung) */
  | { kind: 'hang' };

export type GrpcAnswer = 'serving' | 'not-serving' | 'unknown-service' | 'unimplemented';

export interface Listener {
  /** task id that owns the socket (its exit closes it); 0 = lives as long as the container */
  owner: number;
  proto: 'http' | 'tcp' | 'grpc';
  http?: (req: HttpRequest, now: number) => HttpAnswer;
  grpc?: (service: string, now: number) => GrpcAnswer;
  /** called on every accepted connection (nc -l exits after its connection) */
  onConnect?: (now: number) => void;
}

export class Network {
  private readonly listeners = new Map<number, Listener>();

  /** false when the port is taken (EADDRINUSE) */
  listen(port: number, l: Listener): boolean {
    if (this.listeners.has(port)) return false;
    this.listeners.set(port, l);
    return true;
  }

  get(port: number): Listener | undefined {
    return this.listeners.get(port);
  }

  close(port: number): void {
    this.listeners.delete(port);
  }

  // both run at every task's end and container stop, mostly with no listener at all: no iterator, and no
  // new table (Map.clear allocates one) for an empty map
  closeOwnedBy(owner: number): void {
    if (this.listeners.size === 0) return;
    for (const [p, l] of this.listeners) if (l.owner === owner) this.listeners.delete(p);
  }

  closeAll(): void {
    if (this.listeners.size > 0) this.listeners.clear();
  }

  ports(): number[] {
    return [...this.listeners.keys()].sort((a, b) => a - b);
  }
}

export const HTTP_REASON: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
