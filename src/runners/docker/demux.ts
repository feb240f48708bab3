/** Docker's multiplexed attach stream (8-byte frame headers) → payload bytes, with backpressure. */

/**
 * Reads `stream` frame by frame and awaits `write` for every payload slice, so a slow sink pauses
 * the stream instead of buffering it. stdout and stderr are merged in arrival order.
 */
export async function pumpDemuxed(
  stream: AsyncIterable<Buffer | string>,
  write: (payload: Buffer) => Promise<void>,
): Promise<void> {
  let header = Buffer.alloc(0);
  let remaining = 0;
  for await (const raw of stream) {
    let chunk = typeof raw === "string" ? Buffer.from(raw) : raw;
    while (chunk.length > 0) {
      if (remaining > 0) {
        const take = chunk.subarray(0, remaining);
        remaining -= take.length;
        chunk = chunk.subarray(take.length);
        await write(take);
        continue;
      }
      const need = 8 - header.length;
      header = Buffer.concat([header, chunk.subarray(0, need)]);
      chunk = chunk.subarray(need);
      if (header.length === 8) {
        remaining = header.readUInt32BE(4);
        header = Buffer.alloc(0);
      }
    }
  }
}
