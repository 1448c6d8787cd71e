import type { MessageContent, ProviderWarning } from '@refract/core';
import type { BedrockContentBlock, BedrockImageBlock } from './bedrock-api-types';
import { DataUrlError, base64Head, isDataUrl, parseDataUrl, sniffImageType, type DataUrl } from '../shared';
import { documentFormatOf, documentName, imageFormatOf, invalid, unsupported } from './bedrock-images';

export interface ContentContext {
  /** Turns an `http(s)` image URL into bytes, or refuses it with a clear error. */
  loadImage: (url: string, parameter: string) => Promise<BedrockImageBlock>;
  warnings: ProviderWarning[];
}

const CACHE_POINT: BedrockContentBlock = { cachePoint: { type: 'default' } };

/**
 * OpenAI message content → Bedrock content blocks: text (blank text is left out, Bedrock rejects
 * it), images (data URLs as bytes, http(s) URLs through `loadImage`), files as documents, and a
 * `cachePoint` after any part that carries `cache_control`. Parts Bedrock cannot take are refused
 * with an error naming them rather than dropped.
 */
export async function convertContent(content: MessageContent | null | undefined, parameter: string, context: ContentContext): Promise<BedrockContentBlock[]> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content.trim() === '' ? [] : [{ text: content }];
  const blocks: BedrockContentBlock[] = [];
  for (const [index, part] of content.entries()) {
    const partParameter = `${parameter}.${index}`;
    const record = part as Record<string, unknown>;
    switch (part.type) {
      case 'text':
      case 'refusal': {
        const text = typeof record['text'] === 'string' ? record['text'] : typeof record['refusal'] === 'string' ? record['refusal'] : '';
        if (text.trim() !== '') blocks.push({ text });
        break;
      }
      case 'image_url': {
        const imageUrl = record['image_url'] as { url: string };
        blocks.push({ image: await convertImage(imageUrl.url, `${partParameter}.image_url.url`, context) });
        break;
      }
      case 'file':
        blocks.push(convertFile(record['file'], partParameter, blocks.length));
        break;
      default:
        throw unsupported(partParameter, `content part type '${part.type}' is not supported by the Bedrock adapter`);
    }
    if (record['cache_control'] !== undefined && blocks.length > 0) blocks.push(CACHE_POINT);
  }
  return blocks;
}

/** An image URL → a Bedrock image block. The bytes decide the format when they are recognisable. */
export async function convertImage(url: string, parameter: string, context: ContentContext): Promise<BedrockImageBlock> {
  if (!isDataUrl(url)) return context.loadImage(url, parameter);
  const data = decodeDataUrl(url, parameter);
  const format = imageFormatOf(sniffImageType(base64Head(data.base64))) ?? imageFormatOf(data.mediaType);
  if (format === undefined) {
    throw unsupported(parameter, `image type ${data.mediaType} is not one Bedrock accepts (png, jpeg, gif, webp)`);
  }
  return { format, source: { bytes: data.base64 } };
}

function convertFile(file: unknown, parameter: string, index: number): BedrockContentBlock {
  const record = (file && typeof file === 'object' ? file : {}) as Record<string, unknown>;
  const fileData = record['file_data'];
  if (typeof fileData !== 'string') {
    throw unsupported(parameter, 'only files sent inline as file.file_data (a data: URL) can be passed to Bedrock; file_id is not supported');
  }
  if (!isDataUrl(fileData)) throw invalid(`${parameter}.file.file_data`, 'file_data must be a data: URL');
  const data = decodeDataUrl(fileData, `${parameter}.file.file_data`);
  const imageFormat = imageFormatOf(data.mediaType);
  if (imageFormat !== undefined) return { image: { format: imageFormat, source: { bytes: data.base64 } } };
  const format = documentFormatOf(data.mediaType);
  if (format === undefined) {
    throw unsupported(parameter, `file type ${data.mediaType} is not a document type Bedrock accepts (pdf, csv, doc, docx, xls, xlsx, html, txt, md)`);
  }
  const filename = typeof record['filename'] === 'string' ? record['filename'] : undefined;
  return { document: { format, name: documentName(filename, index), source: { bytes: data.base64 } } };
}

function decodeDataUrl(url: string, parameter: string): DataUrl {
  try {
    return parseDataUrl(url);
  } catch (error) {
    if (error instanceof DataUrlError) throw invalid(parameter, `the data URL ${error.message}`);
    throw error;
  }
}
