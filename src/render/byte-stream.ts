/**
 * A response body streamed from already-encoded pieces: no whole-body string, no encoding per
 * request.
 *
 * Pieces are copied into chunks of up to {@link STREAM_CHUNK_BYTES} (one piece larger than that
 * is its own chunk), never enqueued themselves: they are shared by every request of a snapshot
 * (render/fragments), and a chunk handed to the runtime may be transferred (detached) by it.
 * A chunk is made only when the reader pulls, so at most one chunk per response is held beyond
 * the shared pieces.
 *
 * @see https://streams.spec.whatwg.org/#rs-model (pull sources)
 */

/** Bytes per enqueued chunk: big enough that per-chunk overhead is negligible, small enough to start sending early. */
export const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * The concatenation of `pieces` as a stream of UTF-8 (or any) bytes.
 *
 * @param pieces read, never modified; must not change until the stream is read or cancelled
 * @example new Response(joinedStream([head, ...items, tail]))
 */
export function joinedStream(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let size = 0;
      let end = next;
      while (end < pieces.length) {
        const length = pieces[end]?.length ?? 0;
        if (end > next && size + length > STREAM_CHUNK_BYTES) break;
        size += length;
        end += 1;
      }
      const chunk = new Uint8Array(size);
      let offset = 0;
      for (; next < end; next += 1) {
        const piece = pieces[next];
        if (!piece) continue;
        chunk.set(piece, offset);
        offset += piece.length;
      }
      if (size > 0) controller.enqueue(chunk);
      if (next >= pieces.length) controller.close();
    },
  });
}

/** The total length in bytes of `pieces` (the Content-Length of their {@link joinedStream}). */
export function byteLength(pieces: readonly Uint8Array[]): number {
  let total = 0;
  for (const piece of pieces) total += piece.length;
  return total;
}
