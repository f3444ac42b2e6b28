/** Docker's multiplexed stdout/stderr stream (exec output, container logs), split in two. */

/** Splits a multiplexed buffer (8-byte header [stream, 0, 0, 0, size(4)] + payload per frame). */
export function demux(buf: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const type = buf[i]!;
    const size = buf.readUInt32BE(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + size);
    (type === 2 ? err : out).push(chunk);
    i += 8 + size;
  }
  // A TTY container's stream is not multiplexed: plain text.
  if (i === 0 && buf.length > 0 && (buf[0]! > 2 || buf.length < 8)) return { stdout: buf.toString('utf8'), stderr: '' };
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
