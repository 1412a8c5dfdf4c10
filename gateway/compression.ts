/**
 * Compresses answers for clients that accept it (br, gzip, deflate): a product listing shrinks
 * about tenfold, which is what a phone on a shop floor's network notices.
 */
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Smaller answers are sent as they are: compressing them costs more than it saves. */
const THRESHOLD_BYTES = 1024;

export async function useCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, threshold: THRESHOLD_BYTES, encodings: ['br', 'gzip', 'deflate'] });
}
