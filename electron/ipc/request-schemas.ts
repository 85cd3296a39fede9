// Runtime schemas for everything the renderer sends. The renderer is untrusted: a request is
// checked against its schema before any handler sees it. The mapped type makes the compiler
// reject a schema that drifts from the contract or a channel without a schema.
import { z } from 'zod';
import { LANGUAGES, type Channel, type Requests } from '../contract';

const empty = z.object({}).strict();

export const requestSchemas: { [C in Channel]: z.ZodType<Requests[C]> } = {
  'kiosk:get-info': empty as z.ZodType<Record<string, never>>,
  'kiosk:heartbeat': empty as z.ZodType<Record<string, never>>,
  'reception:get-view': empty as z.ZodType<Record<string, never>>,
  'reception:set-language': z.object({ language: z.enum(LANGUAGES) }).strict(),
};
