/**
 * Is a failure the engine's (connection lost, engine shutting down) rather than the run's? Such
 * runs end `error` with `retryable: true`, so a plain resume redoes them (docs/reliability.md).
 */

/** Socket-level codes of a client whose engine went away (ENOENT: the unix socket is gone). */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH"]);
/** Engine answers that mean "not now": bad gateway / unavailable in front of or from the engine. */
const UNAVAILABLE_STATUS = new Set([502, 503]);

/** Marks an engine failure raised by bench itself (e.g. its container stopped by the engine). */
export class EngineLostError extends Error {
  override readonly name = "EngineLostError";
}

/** True for connection failures to the engine and for a container the engine stopped; false otherwise. */
export function isEngineError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current !== null && typeof current === "object" && depth < 5; depth++) {
    if (current instanceof EngineLostError) return true;
    const { code, syscall, statusCode, message } = current as { code?: unknown; syscall?: unknown; statusCode?: unknown; message?: unknown };
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    // ENOENT only when connecting (the engine's unix socket is gone), never a missing file.
    if (code === "ENOENT" && syscall === "connect") return true;
    if (typeof statusCode === "number" && UNAVAILABLE_STATUS.has(statusCode)) return true;
    if (typeof message === "string" && /socket hang up|daemon is shutting down/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * True when the engine may have carried out a request whose answer never came: the connection was
 * made and then lost (no HTTP status, not a failed connect). A start lost so may have started the
 * container: its command may be running, its output already in the log.
 */
export function answerLost(error: unknown): boolean {
  const { syscall, statusCode } = (error ?? {}) as { syscall?: unknown; statusCode?: unknown };
  return statusCode === undefined && syscall !== "connect";
}

/** The `error` text of a run the engine broke: always names the engine. */
export function engineLostReason(detail: string): string {
  return `Docker engine connection lost during the run (${detail.split("\n")[0]})`;
}
