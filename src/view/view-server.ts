/**
 * `bench view`'s server: node:http, GET and HEAD only, on 127.0.0.1 unless told otherwise. Requests
 * whose Host is not the address served are refused (a web page cannot reach it through DNS rebinding);
 * every response carries the CSP and no-sniff headers; raw files are plain text in a sandbox.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { VIEW_CSP } from "./page-shell.ts";
import { parsePath, route, type ViewResponse } from "./view-routes.ts";
import type { ViewModel } from "./view-model.ts";

/** Options of startViewServer: address, port, and how often the Results are re-read. */
export interface ViewServerOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Re-read the Results at most this often, on a page request (default 5000 ms), so a running benchmark shows up. */
  refreshMs?: number;
}

/** A running viewer: its URL, and close(). */
export interface ViewServer {
  /** The viewer's address (`http://host:port/`). */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

function headers(path: string[], type: string): Record<string, string> {
  const raw = path[0] === "raw";
  return {
    "Content-Type": type,
    "Content-Security-Policy": raw ? "default-src 'none'; sandbox" : `${VIEW_CSP}; frame-ancestors 'none'`,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
  };
}

/** Serve the viewer; `load` is called at start and again when a page is asked for after `refreshMs`. */
export async function startViewServer(load: () => Promise<ViewModel>, options: ViewServerOptions = {}): Promise<ViewServer> {
  const host = options.host ?? "127.0.0.1";
  const refreshMs = options.refreshMs ?? 5000;
  let model = await load();
  let loadedAt = Date.now();
  let reloading: Promise<ViewModel> | undefined;
  const current = async (): Promise<ViewModel> => {
    if (Date.now() - loadedAt < refreshMs) return model;
    reloading ??= load().then((m) => { model = m; loadedAt = Date.now(); return m; }).finally(() => { reloading = undefined; });
    return reloading;
  };
  const allowedHosts = new Set<string>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  const send = (res: ServerResponse, req: IncomingMessage, path: string[], r: ViewResponse): void => {
    res.writeHead(r.status, { ...headers(path, r.type), "Content-Length": Buffer.byteLength(r.body) });
    res.end(req.method === "HEAD" ? undefined : r.body);
  };
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("bench view is read-only\n");
      return;
    }
    if (allowedHosts.size > 0 && !allowedHosts.has((req.headers.host ?? "").toLowerCase())) {
      res.writeHead(421, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Misdirected request: unexpected Host header\n");
      return;
    }
    const path = parsePath((req.url ?? "/").split(/[?#]/)[0] ?? "/");
    if (!path) return send(res, req, [], { status: 400, type: "text/plain; charset=utf-8", body: "Bad path\n" });
    const isAsset = path[0] === "assets";
    const ctx = { model: isAsset ? model : await current(), served: true };
    send(res, req, path, await route(ctx, path));
  }
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  if (LOOPBACK.has(host)) for (const name of ["127.0.0.1", "localhost", "[::1]"]) allowedHosts.add(`${name}:${port}`);
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
