import { copyOperation } from '../documents/relocate';

export const { description, execute } = copyOperation('file');
