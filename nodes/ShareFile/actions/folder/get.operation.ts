import { getOperation } from '../item';

export const { description, execute } = getOperation('folder', 'get');
