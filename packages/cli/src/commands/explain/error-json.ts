import { isRefractError, RefractValidationError } from '@refract/core';
import { InputLineError } from './request-input';

/** An error as reported in JSON output: a stable code, the message and, for bad input, every path. */
export interface ErrorJson {
  code: string;
  message: string;
  issues?: readonly { path: string; message: string }[];
}

/**
 * The JSON form of an error thrown while explaining one request.
 *
 * @example
 * errorJson(new RefractError('REFRACT_ERR_MODEL_NOT_FOUND', 'no such model')); // { code: 'REFRACT_ERR_MODEL_NOT_FOUND', message: 'no such model' }
 */
export function errorJson(error: unknown): ErrorJson {
  if (error instanceof RefractValidationError) {
    return { code: error.code, message: error.message, issues: error.issues.map((issue) => ({ path: issue.path, message: issue.message })) };
  }
  if (isRefractError(error) || error instanceof InputLineError) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
}

/** The readable form for stderr: `refract: CODE: message` plus one line per offending path. */
export function describeError(error: unknown): string {
  const json = errorJson(error);
  const lines = [`refract: ${json.code}: ${json.issues ? 'invalid request' : json.message}`];
  for (const issue of json.issues ?? []) lines.push(`  - ${issue.path || '(root)'}: ${issue.message}`);
  return `${lines.join('\n')}\n`;
}
