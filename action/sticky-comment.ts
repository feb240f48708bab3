import type { GitHubApi, IssueComment } from "./types.ts";

/** GitHub's limit on an issue comment body. */
export const COMMENT_LIMIT = 65_536;
export const BOT_LOGIN = "github-actions[bot]";

export const commentMarker = (key: string): string => `<!-- bench-action:${key} -->`;

export interface CommentResult {
  id: number;
  url?: string;
  action: "created" | "updated";
}

/**
 * Post the PR comment. `update` finds an earlier comment carrying the marker, written by this token's
 * user or github-actions[bot], by paging through every comment, and edits it; otherwise creates one.
 */
export async function upsertComment(
  api: GitHubApi, issueNumber: number, key: string, body: string, mode: "update" | "new",
): Promise<CommentResult> {
  const marker = commentMarker(key);
  const text = fitComment(`${marker}\n${body}`);
  if (mode === "update") {
    const existing = await findComment(api, issueNumber, marker);
    if (existing) {
      const updated = await api.updateComment(existing.id, text);
      return { id: updated.id, url: updated.html_url, action: "updated" };
    }
  }
  const created = await api.createComment(issueNumber, text);
  return { id: created.id, url: created.html_url, action: "created" };
}

async function findComment(api: GitHubApi, issueNumber: number, marker: string): Promise<IssueComment | undefined> {
  const comments = await api.listComments(issueNumber);
  const candidates = comments.filter((c) => c.body.startsWith(marker) || c.body.includes(`\n${marker}\n`));
  if (candidates.length === 0) return undefined;
  const authors = new Set([BOT_LOGIN]);
  const viewer = await api.viewerLogin();
  if (viewer) authors.add(viewer);
  // The newest of ours: if an earlier run raced and created two, keep editing the latest.
  return candidates.filter((c) => c.user && authors.has(c.user.login)).at(-1);
}

/** Trim a body to the comment limit, cutting at a line and saying so. */
export function fitComment(text: string, limit = COMMENT_LIMIT): string {
  if (text.length <= limit) return text;
  const note = "\n\n_… trimmed to fit GitHub's comment limit; the job summary and the artifact have everything._\n";
  const cut = text.lastIndexOf("\n", limit - note.length);
  return closeOpenDetails(text.slice(0, cut > 0 ? cut : limit - note.length)) + note;
}

/** Close a `<details>` left open by trimming so the rest of the page renders. */
export function closeOpenDetails(text: string): string {
  const open = (text.match(/<details>/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;
  return text + "\n\n</details>".repeat(Math.max(0, open));
}
