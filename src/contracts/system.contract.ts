// Routes without a session: health and the benchmark's ping.
import { z } from 'zod';
import { instantSchema } from './common.contract.ts';

export const healthSchema = z.strictObject({ status: z.literal('ok'), time: instantSchema });
export const pingSchema = z.strictObject({ pong: z.literal(true) });
