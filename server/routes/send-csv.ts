import type { FastifyReply } from 'fastify';

/**
 * Sends a CSV download. It starts with a byte-order mark: without one, Excel (Dutch Windows above
 * all) reads UTF-8 as the local code page and "Cliënt" comes out garbled; CSV readers skip it.
 */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(`\uFEFF${csv}`);
}
