import { searchResourceDescription } from '../../../shared/descriptions/documentFields';
import * as search from './search.operation';

export const operations = { search };

export const description = searchResourceDescription(search.description);
