// Schemas several endpoints share: the project in the path, a phone to look up, a number in a query.
import { z } from 'zod';
import { normalisePhone } from '../core/phone.ts';

export const projectIdSchema = z.string().min(1).max(64);
export const projectParams = z.strictObject({ project: projectIdSchema });

/** A phone to look a customer up by, normalised (REG-4): 138 0013 8000, +86 13800138000 → 13800138000. */
export const phoneLookupSchema = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const key = normalisePhone(text);
    if (key === null) {
      ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
      return z.NEVER;
    }
    return key;
  });

/** A non-negative integer given as query text. */
export const countSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number')
  .transform(Number);
