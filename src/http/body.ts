/**
 * Reading a request body with a running size cap: bytes are counted as they stream in, and the
 * stream is cancelled as soon as the cap is passed, so a huge (or chunked, undeclared-length)
 * body costs at most the cap in memory and is never read whole.
 */

/**
 * The body of a request or response as bytes, or `undefined` when it is larger than
 * `maxBytes` (declared by `Content-Length` or counted while streaming; the rest is then not
 * read).
 *
 * @param message a `Request` or `Response`
 * @param maxBytes the largest body accepted, in bytes
 */
export async function readCappedBody(
  message: Pick<Request, 'body' | 'headers'>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(message.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) {
    await message.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!message.body) return new Uint8Array(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
