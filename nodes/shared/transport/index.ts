export { cloudElementsRequest, CREDENTIAL_TYPE } from './request';
export type { CloudElementsContext, CloudElementsRequest, CloudElementsResponse } from './request';
export { cloudElementsRequestAll } from './pagination';
export { cloudElementsBaseUrl } from './baseUrl';
