/**
 * Plain string replacement over a whole file: every key, in key order, every occurrence.
 * Works on bytes (latin1 view of the UTF-8 bytes), so files that are not valid UTF-8 survive
 * untouched outside the matches. For find strings without a newline the result equals agbench's
 * line-by-line `line.replace(find, replace)`. One known difference from agbench: JSON keys that look
 * like array indices ("1", "42") come first, as JS objects order them.
 */
export function applySubstitutions(content: Buffer, replacements: Record<string, string>): Buffer {
  let text = content.toString("latin1");
  for (const [find, replace] of Object.entries(replacements)) {
    const needle = Buffer.from(find, "utf8").toString("latin1");
    const value = Buffer.from(replace, "utf8").toString("latin1");
    // A replacer function: a string replacement would interpret `$&`, `$1`… patterns.
    text = text.replaceAll(needle, () => value);
  }
  return Buffer.from(text, "latin1");
}

/**
 * The file's line endings as Python's text mode reads them (universal newlines): CRLF and lone CR
 * become LF. agbench reads a substituted file that way and writes it back, so its substituted files
 * (and only those) end their lines with LF; the values put in are written as they are.
 */
export function universalNewlines(content: Buffer): Buffer {
  return content.includes(0x0d) ? Buffer.from(content.toString("latin1").replace(/\r\n?/g, "\n"), "latin1") : content;
}
