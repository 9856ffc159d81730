export { cloudElementsRequest, CREDENTIAL_TYPE, DEFAULT_REQUEST_TIMEOUT_MS } from './request';
export type { CloudElementsContext, CloudElementsRequest, CloudElementsResponse } from './request';
export { cloudElementsRequestAll } from './pagination';
export { cloudElementsBaseUrl } from './baseUrl';
