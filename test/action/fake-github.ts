/**
 * A local HTTP server playing GitHub: the REST endpoints the Action calls (issue comments with
 * Link-header pagination, /user, workflow runs, run artifacts, artifact zip redirect) and, on the
 * same port, the artifact results service. Every request is recorded for exact assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeArtifactBackend } from "./fake-artifact-backend.ts";
import { resultsServiceHandler } from "./fake-results-service.ts";

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
}

export interface FakeRun {
  id: number;
  head_sha: string;
  head_branch: string;
  created_at: string;
  workflow: string;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, FakeComment[]>();
  readonly runs: FakeRun[] = [];
  readonly artifacts = new FakeArtifactBackend();
  /** Status forced on comment writes (e.g. 403 for a read-only token). */
  commentWriteStatus: number | undefined;
  /** Run ids behind the results-service backend ids in the runtime token. */
  readonly backendRuns = new Map<string, number>();
  private nextCommentId = 1000;
  private server: Server | undefined;

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    const results = resultsServiceHandler(this.artifacts, () => this.url, (id) => this.backendRuns.get(id) ?? 0);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const url = new URL(req.url ?? "/", this.url);
        this.requests.push({ method: req.method ?? "", path: url.pathname + url.search, body: body.toString("utf8") });
        if (results(req, res, url, body)) return;
        this.rest(req, res, url, body.toString("utf8"));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addComments(issue: number, count: number, make: (i: number) => Omit<FakeComment, "id">): void {
    const list = this.comments.get(issue) ?? [];
    for (let i = 0; i < count; i++) list.push({ id: this.nextCommentId++, ...make(i) });
    this.comments.set(issue, list);
  }

  /** Requests other than the results service and blob storage. */
  restRequests(): RecordedRequest[] {
    return this.requests.filter((r) => !r.path.startsWith("/twirp/") && !r.path.startsWith("/devstoreaccount1/"));
  }

  private rest(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(data));
    };
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (req.method === "GET" && p === "/user") return send(403, { message: "Resource not accessible by integration" });
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(p))) {
      const issue = Number(m[1]);
      const list = this.comments.get(issue) ?? [];
      if (req.method === "GET") {
        const perPage = Number(url.searchParams.get("per_page") ?? 30);
        const page = Number(url.searchParams.get("page") ?? 1);
        const last = Math.max(1, Math.ceil(list.length / perPage));
        const link = (n: number, rel: string) => `<${this.url}${p}?per_page=${perPage}&page=${n}>; rel="${rel}"`;
        const links = [page < last ? link(page + 1, "next") : "", link(last, "last")].filter(Boolean).join(", ");
        return send(200, list.slice((page - 1) * perPage, page * perPage), { link: links });
      }
      if (req.method === "POST") {
        if (this.commentWriteStatus) return send(this.commentWriteStatus, { message: "Resource not accessible by integration" });
        const comment = { id: this.nextCommentId++, body: (JSON.parse(body) as { body: string }).body, user: { login: "github-actions[bot]" } };
        list.push(comment);
        this.comments.set(issue, list);
        return send(201, { ...comment, html_url: `https://github.com/o/r/pull/${issue}#issuecomment-${comment.id}` });
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(p)) && req.method === "PATCH") {
      if (this.commentWriteStatus) return send(this.commentWriteStatus, { message: "Resource not accessible by integration" });
      const comment = [...this.comments.values()].flat().find((c) => c.id === Number(m?.[1]));
      if (!comment) return send(404, { message: "Not Found" });
      comment.body = (JSON.parse(body) as { body: string }).body;
      return send(200, { ...comment, html_url: `https://github.com/o/r/pull/1#issuecomment-${comment.id}` });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/([^/]+)\/runs$/.exec(p)) && req.method === "GET") {
      const runs = this.runs
        .filter((r) => r.workflow === decodeURIComponent(m?.[1] ?? "") && r.head_branch === url.searchParams.get("branch"))
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      return send(200, { total_count: runs.length, workflow_runs: runs.map((r) => ({ ...r, status: "completed", conclusion: "success" })) });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/artifacts$/.exec(p)) && req.method === "GET") {
      const list = this.artifacts.ofRun(Number(m[1])).map((a) => ({ id: a.id, name: a.name, expired: a.expired, size_in_bytes: a.zip.length, created_at: a.createdAt }));
      return send(200, { total_count: list.length, artifacts: list });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/(\d+)\/zip$/.exec(p)) && req.method === "GET") {
      const artifact = this.artifacts.artifacts.find((a) => a.id === Number(m?.[1]));
      if (!artifact || artifact.expired) return send(410, { message: "Artifact has expired" });
      res.writeHead(302, { location: `${this.url}/devstoreaccount1/download/${artifact.id}.zip?sig=download-signature` });
      return void res.end();
    }
    send(404, { message: `Not Found: ${req.method} ${p}` });
  }
}
