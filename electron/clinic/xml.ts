// Reading and writing the clinic folder's XML with fast-xml-parser (its parser and its builder),
// never with regexes or string building. Documents are validated against the layout schemas
// (layout.ts) on the way out and on the way in.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { z } from 'zod';
import { DECLARED_ENCODING, encodeWindows31j, fitWindows31j } from './windows-31j';
import { isRepeated } from './layout';

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  processEntities: true,
  suppressEmptyNode: false,
});

/** Parses as clinic software does: every value a string (digit strings keep their zeros). */
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  jPath: true,
  isArray: (_name, path) => isRepeated(String(path)),
});

/** Drops undefined values and fits every text to what code page 932 can hold. */
function prepare(value: unknown, count: { substituted: number }): unknown {
  if (Array.isArray(value)) return value.map((item) => prepare(item, count));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = prepare(inner, count);
    }
    return out;
  }
  const fitted = fitWindows31j(String(value));
  count.substituted += fitted.substituted;
  return fitted.text;
}

export interface WrittenDocument {
  xml: string;
  bytes: Buffer;
  /** Characters replaced by ● because code page 932 cannot hold them (tell staff). */
  substituted: number;
}

/**
 * Validates `document` against `schema` (which also puts its elements in the layout's order),
 * fits its text to code page 932 and serialises it with the declaration clinic software expects.
 */
export function writeDocument<S extends z.ZodType>(schema: S, document: z.input<S>): WrittenDocument {
  const count = { substituted: 0 };
  const fitted = prepare(document, count);
  // Validated after fitting, so what is checked is exactly what is written.
  const ordered = schema.parse(fitted);
  const xml = `<?xml version="1.0" encoding="${DECLARED_ENCODING}" standalone="no"?>\n${builder.build(ordered) as string}`;
  return { xml, bytes: encodeWindows31j(xml), substituted: count.substituted };
}

export type ParsedDocument = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** Parses well-formed XML into plain objects of strings; says why when it is not well-formed. */
export function parseDocument(text: string): ParsedDocument {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return { ok: false, problem: `not well-formed XML (line ${valid.err.line}): ${valid.err.msg}` };
  return { ok: true, value: parser.parse(text) as Record<string, unknown> };
}

/** One line per schema problem, naming the element path; never the value (it may be personal). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('/') || 'document'}: ${issue.message}`)
    .join('; ');
}
