export { loadImage, type LoadImageOptions } from './load-image';
export { fetchImage, isPublicImageUrl, DEFAULT_MAX_IMAGE_BYTES, DEFAULT_IMAGE_TIMEOUT_MS, type ImageFetchOptions, type LoadedImage } from './fetch-image';
export { parseDataUrl, isDataUrl, normalizeMediaType, DataUrlError, type DataUrl } from './parse-data-url';
export { sniffImageType, base64Head } from './sniff-image-type';
export { isPrivateAddress } from './private-address';
export { imageError } from './image-error';
export { imageDetailWarnings } from './image-detail-warnings';
