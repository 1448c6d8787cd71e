import { RefractError } from '@refract/core';
import { normalizeMediaType } from '../shared';
import type { BedrockDocumentFormat, BedrockImageFormat } from './bedrock-api-types';

const IMAGE_FORMATS: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** The image types Bedrock's Converse API takes. */
export const BEDROCK_IMAGE_TYPES: ReadonlySet<string> = new Set(Object.keys(IMAGE_FORMATS));

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

/** The Bedrock image format of a media type (`image/jpg` included), or undefined if Bedrock does not take it. */
export function imageFormatOf(mediaType: string | undefined): BedrockImageFormat | undefined {
  const type = normalizeMediaType(mediaType);
  return type === undefined ? undefined : IMAGE_FORMATS[type];
}

export function documentFormatOf(mediaType: string): BedrockDocumentFormat | undefined {
  return DOCUMENT_FORMATS[normalizeMediaType(mediaType) ?? ''];
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
