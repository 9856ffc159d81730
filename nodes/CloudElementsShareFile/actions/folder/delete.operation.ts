import { deleteOperation } from '../documents/delete';

export const { description, execute } = deleteOperation('folder');
