import { readSubResourceOperation } from '../documents/readSubResource';

/**
 * `GET /files/{id}/revisions` (ShareFile, release 2.163): one item per revision, as the hub
 * sends it (its shape is not documented). The path form `/files/revisions?path=` is INFERRED.
 */
export const { description, execute } = readSubResourceOperation('file', 'listRevisions', '/revisions');
