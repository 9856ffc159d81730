import { getOperation } from '../item';

export const { description, execute } = getOperation('file', 'getMetadata');
