import { deleteOperation } from '../delete';

export const { description, execute } = deleteOperation('file');
