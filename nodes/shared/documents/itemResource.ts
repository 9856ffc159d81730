/** The two resources an item operation works on, in both action nodes. */
export type ItemResource = 'file' | 'folder';

/** The resource as messages name it. */
export const ITEM_LABEL: Record<ItemResource, string> = { file: 'File', folder: 'Folder' };
