/** Escaping and small formatting helpers for the HTML report (every text goes through `esc`). */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape text for HTML element content and quoted attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A relative URL to a run's console log: `<root>/<scenario>/<id>/<rep>/console_log.txt`, each segment encoded. */
export function logHref(root: string, scenario: string, id: string, rep: number): string {
  const segments = [scenario, id, String(rep), "console_log.txt"].map(encodeURIComponent);
  const prefix = root === "" || root === "." ? "" : `${root.replace(/\\/g, "/").replace(/\/+$/, "").split("/").map(encodeURIComponent).join("/")}/`;
  return prefix + segments.join("/");
}

/** 45.678 → "45.7%". */
export function fmtPct(points: number): string {
  return `${points.toFixed(1)}%`;
}

/** Signed percentage points: +3.0 pp / −2.5 pp. */
export function fmtPp(points: number): string {
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return `${sign}${Math.abs(points).toFixed(1)} pp`;
}
