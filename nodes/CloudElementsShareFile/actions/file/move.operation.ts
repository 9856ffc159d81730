import { moveOperation } from '../documents/relocate';

export const { description, execute } = moveOperation('file');
