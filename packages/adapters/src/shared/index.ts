export { type BaseAdapterOptions, DEFAULT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './adapter-options';
export { HttpClient, toNetworkError, headerValue, messageOf, type HttpCall, type HttpResponse, bodyChunks, type ResponseBody } from './http';
export { errorFromResponse, parseCommonErrorBody, readBounded, type ParsedErrorBody } from './provider-http-error';
export { readSseEvents } from './sse';
export { readLines } from './ndjson';
export { readJsonBody } from './read-json';
export { guardStream, decodeError, type GuardStreamOptions } from './guard-stream';
export { generateId, unixSeconds } from './ids';
export { isRecord, nonEmptyString, finiteNumber, type JsonRecord } from './json-values';
export type { ClosableProviderAdapter } from './closable-provider-adapter';
export {
  loadImage,
  fetchImage,
  isPublicImageUrl,
  parseDataUrl,
  isDataUrl,
  normalizeMediaType,
  DataUrlError,
  sniffImageType,
  base64Head,
  isPrivateAddress,
  imageError,
  imageDetailWarnings,
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_IMAGE_TIMEOUT_MS,
  type LoadedImage,
  type LoadImageOptions,
  type ImageFetchOptions,
  type DataUrl,
} from './images';
