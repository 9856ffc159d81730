export { cloudElementsRequest, CREDENTIAL_TYPE, DEFAULT_REQUEST_TIMEOUT_MS } from './request';
export type { CloudElementsContext, CloudElementsRequest, CloudElementsResponse } from './request';
export { cloudElementsRequestAll, DOCUMENTS_PAGE_SIZE } from './pagination';
export { cloudElementsBaseUrl } from './baseUrl';
export { discardStream, isByteStream } from '../../shared/http/byteStream';
export type { ByteStream, RawRequestBody } from '../../shared/http/byteStream';
