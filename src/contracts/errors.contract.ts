// The body of every error answer: a stable snake_case code the web app translates, a message in the
// caller's language for people reading logs, and specifics. The codes and their statuses are the API's
// (src/api/error-map.ts): the domain's refusal codes grow with its commands, so here a code is text.
import { z } from 'zod';
import { reasonSchema, type ReadonlyDeep } from './common.contract.ts';

/** One problem with a request: where, which field (dotted path), zod's issue code, and words. */
export const issueSchema = z.strictObject({
  in: z.enum(['params', 'query', 'body', 'headers']),
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type Issue = ReadonlyDeep<z.infer<typeof issueSchema>>;

export const errorBodySchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  /** Specifics in English (which staff, which unit), when there are any. */
  detail: z.string().optional(),
  issues: z.array(issueSchema).optional(),
  reasons: z.array(reasonSchema).optional(),
  retryAfterSeconds: z.number().optional(),
});
export type ErrorBody = ReadonlyDeep<z.infer<typeof errorBodySchema>>;
