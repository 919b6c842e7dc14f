import path from 'node:path';

/** The committed contract, docs/openapi.json: a diff of it shows every change of the API in review. */
export const COMMITTED_DOCUMENT = path.resolve(__dirname, '../../../docs/openapi.json');

/** The document as committed: two-space JSON with a final newline. */
export function serialise(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
