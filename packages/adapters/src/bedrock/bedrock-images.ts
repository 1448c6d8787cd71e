import { RefractError } from '@refract/core';
import type { BedrockDocumentFormat, BedrockImageFormat } from './bedrock-api-types';

const IMAGE_FORMATS: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const DOCUMENT_FORMATS: Record<string, BedrockDocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

export interface DataUrl {
  mediaType: string;
  /** The content as standard base64. */
  base64: string;
}

/** Parses a `data:` URL (base64 or percent-encoded). Returns undefined when `url` is not one. */
export function parseDataUrl(url: string, parameter: string): DataUrl | undefined {
  if (!/^data:/i.test(url)) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) throw invalid(parameter, 'the data URL has no comma before its data');
  const meta = url.slice(5, comma).split(';').map((part) => part.trim());
  const mediaType = (meta[0] || 'text/plain').toLowerCase();
  const isBase64 = meta.slice(1).some((part) => part.toLowerCase() === 'base64');
  const data = url.slice(comma + 1);
  if (isBase64) {
    const base64 = data.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
    if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid(parameter, 'the data URL is not valid base64');
    return { mediaType, base64 };
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(decodeURIComponent(data), 'utf8');
  } catch {
    throw invalid(parameter, 'the data URL has invalid percent-encoding');
  }
  return { mediaType, base64: bytes.toString('base64') };
}

/** The Bedrock image format of a media type, or undefined if Bedrock does not take it. */
export function imageFormatOf(mediaType: string | undefined): BedrockImageFormat | undefined {
  return mediaType === undefined ? undefined : IMAGE_FORMATS[mediaType.split(';')[0]?.trim().toLowerCase() ?? ''];
}

export function documentFormatOf(mediaType: string): BedrockDocumentFormat | undefined {
  return DOCUMENT_FORMATS[mediaType.split(';')[0]?.trim().toLowerCase() ?? ''];
}

/** Recognises PNG, JPEG, GIF and WebP from their first bytes. */
export function sniffImageFormat(bytes: Uint8Array): BedrockImageFormat | undefined {
  const starts = (...signature: number[]): boolean => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  return undefined;
}

/** The first bytes of base64 data, enough to sniff a format. */
export function base64Head(base64: string): Uint8Array {
  return Buffer.from(base64.slice(0, 24), 'base64');
}

/**
 * A Bedrock document name: letters, digits, single spaces, hyphens, parentheses and square
 * brackets only (Bedrock's rule), at most 200 characters.
 */
export function documentName(filename: string | undefined, index: number): string {
  const cleaned = (filename ?? '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[^A-Za-z0-9\s\-()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? `document-${index + 1}` : cleaned;
}

export function invalid(parameter: string, message: string, details: Record<string, unknown> = {}): RefractError {
  return new RefractError('REFRACT_ERR_VALIDATION', `bedrock: ${parameter}: ${message}`, { param: parameter, details });
}

export function unsupported(parameter: string, message: string): RefractError {
  return new RefractError('REFRACT_ERR_UNSUPPORTED', `bedrock: ${parameter}: ${message}`, { param: parameter });
}
