import { getMetadataOperation } from '../documents/getMetadata';

export const { description, execute } = getMetadataOperation('folder');
