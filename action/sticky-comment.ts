import { fitComment } from "../sdk/index.ts";
import type { GitHubApi, IssueComment } from "./types.ts";

export const BOT_LOGIN = "github-actions[bot]";
/** GraphQL `nodes` takes at most 100 ids: the newest candidates are the ones that matter. */
const MAX_CANDIDATES = 100;

export const commentMarker = (key: string): string => `<!-- bench-action:${key} -->`;

export interface CommentResult {
  id: number;
  url?: string;
  action: "created" | "updated";
  /** Why an earlier comment was not edited (it is hidden), or that the identity lookup failed. */
  note?: string;
}

export interface CommentOptions {
  mode: "update" | "new";
  /** A hidden (minimized) earlier comment: `new` leaves it alone and posts a new one; `update` edits it. */
  hidden: "new" | "update";
}

/**
 * Post the PR comment. `update` finds the newest earlier comment carrying the marker and written by
 * this token's own identity (GraphQL `viewer.login`: GITHUB_TOKEN, a PAT or an App token alike), by
 * paging through every comment, and edits it — unless a maintainer hid it; otherwise creates one.
 */
export async function upsertComment(api: GitHubApi, issueNumber: number, key: string, body: string, options: CommentOptions): Promise<CommentResult> {
  const marker = commentMarker(key);
  const text = fitComment(`${marker}\n${body}`);
  let note: string | undefined;
  if (options.mode === "update") {
    const found = await findComment(api, issueNumber, marker, options.hidden);
    note = found.note;
    if (found.comment) {
      const updated = await api.updateComment(found.comment.id, text);
      return { id: updated.id, url: updated.html_url, action: "updated", note };
    }
  }
  const created = await api.createComment(issueNumber, text);
  return { id: created.id, url: created.html_url, action: "created", note };
}

/** Bots are `name[bot]` in REST and in `viewer.login`, but `name` as a GraphQL author: compare without it. */
const sameLogin = (a: string, b: string): boolean => a.replace(/\[bot\]$/, "") === b.replace(/\[bot\]$/, "");

async function findComment(api: GitHubApi, issueNumber: number, marker: string, hidden: CommentOptions["hidden"]): Promise<{ comment?: IssueComment; note?: string }> {
  const comments = await api.listComments(issueNumber);
  const candidates = comments.filter((c) => c.body.startsWith(marker) || c.body.includes(`\n${marker}\n`)).slice(-MAX_CANDIDATES);
  if (candidates.length === 0) return {};
  let viewer: { login: string; minimized: Set<string> };
  let note: string | undefined;
  try {
    viewer = await api.viewer(candidates.map((c) => c.node_id));
  } catch (error) {
    // Without GraphQL, only github-actions[bot]'s comments can be recognised, and hidden ones cannot.
    viewer = { login: BOT_LOGIN, minimized: new Set() };
    note = `the token's identity could not be read (GraphQL: ${(error as Error).message.split("\n")[0]}); matched ${BOT_LOGIN}'s comments`;
  }
  // The newest of ours: if an earlier run raced and created two, keep editing the latest.
  const ours = candidates.filter((c) => c.user && sameLogin(c.user.login, viewer.login));
  const visible = ours.filter((c) => !viewer.minimized.has(c.node_id));
  if (visible.length > 0) return { comment: visible.at(-1), note };
  if (ours.length > 0 && hidden === "update") return { comment: ours.at(-1), note };
  if (ours.length > 0) return { note: `the earlier comment ${ours.at(-1)?.id} is hidden, so a new one was posted (hidden-comment: new)` };
  return { note };
}
