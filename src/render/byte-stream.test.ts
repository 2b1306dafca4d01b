import { describe, expect, it } from 'vitest';
import { byteLength, joinedStream, STREAM_CHUNK_BYTES } from './byte-stream';

/** Every chunk of a stream, in order. */
async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const filled = (length: number, value: number) => new Uint8Array(length).fill(value);

describe('joinedStream', () => {
  it('streams the concatenation in chunks of at most 64 KiB, a larger piece alone', async () => {
    const pieces = [
      ...Array.from({ length: 300 }, (_, i) => filled(1_000, i % 256)),
      filled(STREAM_CHUNK_BYTES * 2 + 5, 7),
      filled(3, 9),
    ];
    const chunks = await chunksOf(joinedStream(pieces));
    const joined = new Uint8Array(byteLength(chunks));
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    const expected = new Uint8Array(byteLength(pieces));
    offset = 0;
    for (const piece of pieces) {
      expected.set(piece, offset);
      offset += piece.length;
    }
    // A plain loop: a deep equality of 300 KB arrays takes seconds in workerd.
    expect(joined.length).toBe(expected.length);
    expect(joined.findIndex((byte, i) => byte !== expected[i])).toBe(-1);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) {
      if (chunk.length > STREAM_CHUNK_BYTES) expect(chunk.length).toBe(STREAM_CHUNK_BYTES * 2 + 5);
    }
  });

  it('never hands out the shared pieces themselves, which stay intact for the next request', async () => {
    const piece = filled(10, 1);
    const [chunk] = await chunksOf(joinedStream([piece]));
    expect(chunk).not.toBe(piece);
    chunk?.fill(0);
    expect(piece).toEqual(filled(10, 1));
  });

  it('streams an empty body for no pieces', async () => {
    expect(await new Response(joinedStream([])).text()).toBe('');
  });
});
