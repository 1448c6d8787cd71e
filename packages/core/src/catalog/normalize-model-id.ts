/**
 * Normalises a model id for fuzzy catalog lookup: lowercase; drop a provider prefix
 * (`openrouter/anthropic/…`), a Bedrock ARN, region prefix (`us.`, `eu.`, `global.`) and vendor
 * prefix (`anthropic.`), a Bedrock version suffix (`-v1:0`, `:0`), date stamps (`-20241022`,
 * `-2024-10-22`, `@20240620`), four-digit version stamps (`-0613`) and `-latest`; dots, spaces,
 * underscores and slashes become dashes.
 *
 * @example
 * normalizeModelId('us.anthropic.claude-3-5-sonnet-20241022-v2:0'); // 'claude-3-5-sonnet'
 * normalizeModelId('gpt-4o-2024-08-06'); // 'gpt-4o'
 */
export function normalizeModelId(id: string): string {
  let s = id.trim().toLowerCase();
  s = s.replace(/^arn:aws:bedrock:[^/]*\//, '');
  const slash = s.lastIndexOf('/');
  if (slash >= 0) s = s.slice(slash + 1);
  s = s.replace(/:\d+$/, '');
  s = s.replace(REGION_PREFIX, '');
  s = s.replace(VENDOR_PREFIX, '');
  s = s.replace(/@/g, '-');
  s = s.replace(/[\s._/]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  // Suffixes come in any order (`-20241022-v2`, `-v1-20240307`): strip until nothing changes.
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(/-v\d+(-\d+)?$/, '').replace(/-latest$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-\d{8}$/, '');
  }
  return s.replace(/-(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/, '');
}

const REGION_PREFIX = /^(eu|us|ap|apac|us-gov|global|jp|au|ca)\./;
const VENDOR_PREFIX =
  /^(anthropic|amazon|meta|mistral|mistralai|qwen|cohere|google|microsoft|deepseek|openai|minimax|zai|twelvelabs|nvidia|moonshot|moonshotai|writer|ai21|x-ai|xai)\./;
