import { readSubResourceOperation } from '../documents/readSubResource';

/**
 * `GET /files/{id}/links`: `cloudElementsLink` (downloads through Cloud Elements without
 * credentials), `providerLink`, `providerViewLink`, `expires`.
 */
export const { description, execute } = readSubResourceOperation('file', 'getLink', '/links');
