/**
 * htmlparser2 10.1 (a devDependency) as the {@link HtmlReader} of src/model/rich-text.ts: the
 * reader the project used before its own (src/model/html-parser.ts, html-tokenizer.ts), kept
 * for the differential test only. Options are the ones the sanitizer ran with.
 */
import { Parser, Tokenizer } from 'htmlparser2';
import type { HtmlReader } from '../../src/model/rich-text';

/** htmlparser2's `Parser` and `Tokenizer` behind the sanitizer's reader interface. */
export const HTMLPARSER2_READER: HtmlReader = {
  parse(input, handler) {
    const parser = new Parser(
      {
        onopentag: (name, attribs) => handler.onOpenTag(name, new Map(Object.entries(attribs))),
        onclosetag: (name) => handler.onCloseTag(name),
        ontext: (text) => handler.onText(text),
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
    parser.end(input);
  },
  tokenize(input, handler) {
    let name = '';
    let value = '';
    const noop = () => undefined;
    const tokenizer = new Tokenizer(
      { xmlMode: false, decodeEntities: true },
      {
        onattribname(start, end) {
          name = input.slice(start, end).toLowerCase();
        },
        onattribdata(start, end) {
          value += input.slice(start, end);
        },
        onattribentity(codepoint) {
          value += String.fromCodePoint(codepoint);
        },
        onattribend() {
          handler.onAttribute(name, value);
          value = '';
        },
        oncdata: noop,
        oncomment: noop,
        ondeclaration: noop,
        onprocessinginstruction: noop,
        onend: noop,
        onopentagname: (start, end) => handler.onOpenTagName(input.slice(start, end).toLowerCase()),
        onopentagend: () => handler.onOpenTagEnd(false),
        onselfclosingtag: () => handler.onOpenTagEnd(true),
        onclosetag: (start, end) => handler.onCloseTag(input.slice(start, end).toLowerCase()),
        ontext: (start, end) => handler.onText(input.slice(start, end)),
        ontextentity: (codepoint) => handler.onText(String.fromCodePoint(codepoint)),
      },
    );
    tokenizer.write(input);
    tokenizer.end();
  },
};
