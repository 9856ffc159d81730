import { documentLocator } from '../../shared/descriptions/documentLocators';

export { fileLocator, folderLocator, uploadFolderLocator } from '../../shared/descriptions/documentLocators';

/** Where a ShareFile copy goes (ShareFile copies into a folder, under the item's own name). */
export const destinationFolderLocator = documentLocator(
	'folder',
	'destinationFolder',
	'Destination Folder',
	'The folder the copy goes into, under the same name; a folder given by path is created when it is not there',
);
