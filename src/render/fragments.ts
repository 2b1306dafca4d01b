/**
 * Per-occurrence output fragments, built once per snapshot and request context, and joined per
 * request: the folded VEVENT of `/calendar.ics`, the `<item>` of `/feed.rss`, the `<entry>` of
 * `/feed.atom` and the item object of `/feed.json`, each UTF-8 encoded once.
 *
 * A request then selects occurrences and streams frame head + fragments + frame tail
 * (render/byte-stream): no whole-body string, no folding or escaping, no luxon, ical-generator
 * or `feed` work, no encoding. The fragments are the very bytes the whole-document renderers
 * write (render/ics `renderIcs`, render/feeds `renderFeed`): a VEVENT is `renderVevent`'s
 * output, and a feed item is cut out of the document `renderFeed` writes for that one
 * occurrence, so ical-generator, `feed` and luxon stay where the fragments are built. Tests
 * check the joined bytes against those renderers on whole documents.
 *
 * Cache: in memory, per isolate, never in KV (the persisted snapshot stays as it is). One
 * {@link SnapshotFragments} per snapshot content version (with its feed date) and request
 * context (base URL, UID domain, title: everything besides the snapshot that fragments depend
 * on), the {@link FRAGMENT_SETS_MAX} most recently used kept. Within a set, each format's
 * fragment of an occurrence is built the first time a request selects it, so a 50-item feed
 * never builds 10,000 VEVENTs, and nothing is built twice for one snapshot.
 *
 * A new snapshot's set takes over the fragments of the set before it (same context, same
 * organization) for every occurrence that is unchanged: the same object (a refresh in this
 * isolate keeps unchanged occurrences as they were) or equal as JSON (a snapshot another isolate
 * published, loaded from KV). So after a change, a warm isolate builds only the changed
 * occurrences' fragments (bench/cold-render.bench.ts "after one change"). A fragment is a
 * function of the occurrence, the organization and the context only; the frames (feed date,
 * VTIMEZONE) are built per set. Only a new isolate, or a changed organization or context, pays
 * for building every fragment a request selects (bench/render-floor.bench.ts "build
 * fragments": about one whole-document render).
 */
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { jsonEqual } from '../snapshot/json-equal';
import { joinedStream } from './byte-stream';
import { type FeedFormat, renderFeed } from './feeds';
import {
  ICS_TRAILER,
  type IcsShared,
  icsHeader,
  icsShared,
  renderVevent,
  snapshotVtimezone,
  usesTzid,
} from './ics';
import type { RenderContext } from './render-context';

/** Fragment sets kept per isolate (snapshot versions × request contexts), least recently used dropped first. */
export const FRAGMENT_SETS_MAX = 4;

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const TRAILER = encoder.encode(ICS_TRAILER);

/** One occurrence's VEVENT, encoded, and whether it names the zone's TZID. */
interface VeventFragment {
  bytes: Uint8Array;
  usesTzid: boolean;
}

/** A feed document around its items: `head + item₁ + separator + item₂ … + tail`. */
interface FeedFrame {
  head: Uint8Array;
  separator: Uint8Array;
  tail: Uint8Array;
}

/** Where the single item sits in a one-item document of each format: [start, end) offsets. */
const ITEM_BOUNDS: Record<FeedFormat, (doc: string) => [number, number]> = {
  // xml-js (inside `feed`) writes each item on its own lines, indented 8 spaces.
  rss: (doc) => [doc.indexOf('\n        <item>'), doc.lastIndexOf('</item>') + '</item>'.length],
  atom: (doc) => [doc.indexOf('<entry>'), doc.lastIndexOf('</entry>\n') + '</entry>\n'.length],
  // JSON.stringify(…, null, 2): the items array is the only line that is exactly `  ]`.
  json: (doc) => {
    const start = doc.indexOf('"items": [\n') + '"items": [\n'.length;
    return [start, doc.indexOf('\n  ]', start)];
  },
};

/** What separates two items of each format. */
const SEPARATORS: Record<FeedFormat, string> = { rss: '', atom: '', json: ',\n' };

/** Per-format maps of encoded feed items, by occurrence id. */
type ItemMaps = Record<FeedFormat, Map<string, Uint8Array>>;

/** The fragments a set may take over from the set of the snapshot before it. */
interface Earlier {
  /** That snapshot's occurrences, by id. */
  occurrences: Map<string, Occurrence>;
  vevents: Map<string, VeventFragment>;
  items: ItemMaps;
}

/** How many fragments a set built, and how many it took over from the set before it. */
export interface FragmentCounts {
  built: number;
  reused: number;
}

/**
 * The fragments of one snapshot in one request context. Build with {@link fragmentsOf}.
 */
export class SnapshotFragments {
  readonly #snapshot: Snapshot;
  readonly #context: RenderContext;
  /** Fragments of the snapshot before, while an occurrence's may still be taken over. */
  readonly #earlier: Earlier | undefined;
  /** Whether an occurrence equals its earlier self (by id; judged once per occurrence). */
  readonly #unchanged = new Map<string, boolean>();
  /** Fragments built and taken over so far (for tests and benchmarks). */
  readonly counts: FragmentCounts = { built: 0, reused: 0 };
  #ics: IcsShared | undefined;
  #icsHead: Uint8Array | undefined;
  #vtimezone: Uint8Array | null | undefined;
  readonly #vevents = new Map<string, VeventFragment>();
  readonly #frames = new Map<FeedFormat, FeedFrame>();
  readonly #empties = new Map<FeedFormat, Uint8Array>();
  readonly #items: ItemMaps = {
    rss: new Map(),
    atom: new Map(),
    json: new Map(),
  };

  /**
   * @param earlier [opt=none] the set of the snapshot this one replaces. Its fragments are taken
   *   over for unchanged occurrences when both sets have the same context and organization;
   *   otherwise it is ignored.
   */
  constructor(snapshot: Snapshot, context: RenderContext, earlier?: SnapshotFragments) {
    this.#snapshot = snapshot;
    this.#context = context;
    if (
      earlier &&
      earlier.#snapshot !== snapshot &&
      earlier.rendersFor(context) &&
      jsonEqual(earlier.#snapshot.organization, snapshot.organization)
    ) {
      // Its maps and occurrences only, never `earlier` itself: sets do not chain.
      this.#earlier = {
        occurrences: new Map(earlier.#snapshot.occurrences.map((o) => [o.id, o])),
        vevents: earlier.#vevents,
        items: earlier.#items,
      };
    }
  }

  /** Whether this set's fragments were built for `context` (compared as JSON). */
  rendersFor(context: RenderContext): boolean {
    return jsonEqual(this.#context, context);
  }

  /** The VEVENT of `occurrence` (one of the snapshot's), built on first use. */
  vevent(occurrence: Occurrence): VeventFragment {
    let fragment = this.#vevents.get(occurrence.id);
    if (!fragment) {
      fragment = this.#takeOver(occurrence, this.#earlier?.vevents);
      if (!fragment) {
        this.#ics ??= icsShared(this.#snapshot, this.#context);
        fragment = {
          bytes: encoder.encode(renderVevent(occurrence, this.#ics)),
          usesTzid: usesTzid(occurrence, this.#ics),
        };
        this.counts.built += 1;
      }
      this.#vevents.set(occurrence.id, fragment);
    }
    return fragment;
  }

  /** The earlier set's fragment of `occurrence` from `earlier`, if it is unchanged since. */
  #takeOver<T>(occurrence: Occurrence, earlier: Map<string, T> | undefined): T | undefined {
    const fragment = earlier?.get(occurrence.id);
    if (fragment === undefined) return undefined;
    let unchanged = this.#unchanged.get(occurrence.id);
    if (unchanged === undefined) {
      const before = this.#earlier?.occurrences.get(occurrence.id);
      unchanged = before !== undefined && jsonEqual(before, occurrence);
      this.#unchanged.set(occurrence.id, unchanged);
    }
    if (!unchanged) return undefined;
    this.counts.reused += 1;
    return fragment;
  }

  /**
   * The pieces of a VCALENDAR body, the same bytes as render/ics `renderIcs`: header, the
   * VTIMEZONE when a VEVENT names its TZID, the VEVENTs in order, `END:VCALENDAR`.
   */
  icsPieces(occurrences: readonly Occurrence[]): Uint8Array[] {
    const zone = this.#snapshot.organization.timeZone;
    this.#icsHead ??= encoder.encode(icsHeader(zone, this.#context));
    if (this.#vtimezone === undefined) {
      const block = snapshotVtimezone(this.#snapshot);
      this.#vtimezone = block === null ? null : encoder.encode(block);
    }
    const pieces: Uint8Array[] = [this.#icsHead, EMPTY];
    let tzid = false;
    for (const occurrence of occurrences) {
      const fragment = this.vevent(occurrence);
      tzid ||= fragment.usesTzid;
      pieces.push(fragment.bytes);
    }
    if (tzid && this.#vtimezone) pieces[1] = this.#vtimezone;
    pieces.push(TRAILER);
    return pieces;
  }

  /**
   * The pieces of a feed document, the same bytes as render/feeds `renderFeed`: its frame
   * around the occurrences' items.
   */
  feedPieces(format: FeedFormat, occurrences: readonly Occurrence[]): Uint8Array[] {
    const first = occurrences[0];
    if (!first) return [this.#empty(format)];
    const frame = this.#frame(format, first);
    const pieces: Uint8Array[] = [frame.head];
    occurrences.forEach((occurrence, i) => {
      if (i > 0) pieces.push(frame.separator);
      pieces.push(this.#item(format, occurrence));
    });
    pieces.push(frame.tail);
    return pieces;
  }

  /** The item of `occurrence`: cut out of the one-item document, built on first use. */
  #item(format: FeedFormat, occurrence: Occurrence): Uint8Array {
    const items = this.#items[format];
    let item = items.get(occurrence.id);
    if (!item) {
      item = this.#takeOver(occurrence, this.#earlier?.items[format]);
      if (!item) {
        const doc = this.#document(format, [occurrence]);
        const [start, end] = ITEM_BOUNDS[format](doc);
        item = encoder.encode(doc.slice(start, end));
        this.counts.built += 1;
        if (!this.#frames.has(format)) this.#frames.set(format, this.#frameOf(format, doc));
      }
      items.set(occurrence.id, item);
    }
    return item;
  }

  /**
   * The frame of a format: set by the first item this set builds, or cut from a one-item
   * document of `sample` when every item so far was taken over (the frame holds the feed's
   * date, which belongs to this snapshot).
   */
  #frame(format: FeedFormat, sample: Occurrence): FeedFrame {
    let frame = this.#frames.get(format);
    if (!frame) {
      frame = this.#frameOf(format, this.#document(format, [sample]));
      this.#frames.set(format, frame);
    }
    return frame;
  }

  /** The document with no item (its head can differ: RSS declares namespaces only for items). */
  #empty(format: FeedFormat): Uint8Array {
    let empty = this.#empties.get(format);
    if (!empty) {
      empty = encoder.encode(this.#document(format, []));
      this.#empties.set(format, empty);
    }
    return empty;
  }

  #frameOf(format: FeedFormat, doc: string): FeedFrame {
    const [start, end] = ITEM_BOUNDS[format](doc);
    return {
      head: encoder.encode(doc.slice(0, start)),
      separator: encoder.encode(SEPARATORS[format]),
      tail: encoder.encode(doc.slice(end)),
    };
  }

  #document(format: FeedFormat, occurrences: readonly Occurrence[]): string {
    return renderFeed(format, this.#snapshot, occurrences, this.#context);
  }
}

/** Fragment sets by {@link setKey}, in least- to most-recently used order. */
const sets = new Map<string, SnapshotFragments>();

/**
 * A snapshot's content version, its feed date (the newest change, or when the content appeared:
 * not part of the version) and everything of the context that fragments depend on.
 */
const setKey = (snapshot: Snapshot, context: RenderContext) =>
  JSON.stringify([snapshot.version, snapshot.lastModified ?? snapshot.contentChangedAt, context]);

/**
 * The fragment set of a snapshot (by its content version) and request context, shared by every
 * request of this isolate that renders them; created on first use, taking over the unchanged
 * occurrences' fragments of this context's most recently used set (see the module doc).
 */
export function fragmentsOf(snapshot: Snapshot, context: RenderContext): SnapshotFragments {
  const key = setKey(snapshot, context);
  let set = sets.get(key);
  if (set) {
    sets.delete(key);
  } else {
    // The most recently used set of this context takes its unchanged occurrences' fragments over.
    const earlier = [...sets.values()].reverse().find((s) => s.rendersFor(context));
    set = new SnapshotFragments(snapshot, context, earlier);
  }
  sets.set(key, set);
  for (const oldest of sets.keys()) {
    if (sets.size <= FRAGMENT_SETS_MAX) break;
    sets.delete(oldest);
  }
  return set;
}

/**
 * `/calendar.ics` as a byte stream, the same bytes as render/ics `renderIcs(snapshot,
 * occurrences, context)`.
 *
 * @param occurrences a selection of `snapshot.occurrences`, in the order to write them
 */
export function icsStream(
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): ReadableStream<Uint8Array> {
  return joinedStream(fragmentsOf(snapshot, context).icsPieces(occurrences));
}

/**
 * A feed as a byte stream, the same bytes as render/feeds `renderFeed(format, snapshot,
 * occurrences, context)`.
 *
 * @param occurrences a selection of `snapshot.occurrences`, in item order
 */
export function feedStream(
  format: FeedFormat,
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
): ReadableStream<Uint8Array> {
  return joinedStream(fragmentsOf(snapshot, context).feedPieces(format, occurrences));
}
