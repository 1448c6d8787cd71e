import type { ChatRequest, ProviderWarning } from '@refract/core';
import { convertJsonSchemaToGemini } from './convert-json-schema';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from './gemini-api-types';

export interface ToolsConversion {
  tools?: { functionDeclarations: GeminiFunctionDeclaration[] }[];
  toolConfig?: GeminiToolConfig;
  warnings: ProviderWarning[];
}

/**
 * Converts `tools` to `functionDeclarations` and `tool_choice` to
 * `toolConfig.functionCallingConfig`: `auto` → AUTO, `none` → NONE, `required` → ANY, a named
 * function → ANY with `allowedFunctionNames`.
 *
 * @example
 * convertTools({ model: 'gemini-2.5-flash', messages, tools, tool_choice: 'required' }, 'openapi');
 */
export function convertTools(request: ChatRequest, schemaMode: 'openapi' | 'json-schema'): ToolsConversion {
  const warnings: ProviderWarning[] = [];
  const declarations = (request.tools ?? []).map((tool, index): GeminiFunctionDeclaration => {
    const { name, description, parameters, strict } = tool.function;
    const declaration: GeminiFunctionDeclaration = { name, ...(description ? { description } : {}) };
    if (strict === true) {
      warnings.push({ type: 'unsupported-parameter', parameter: `tools.${index}.function.strict`, message: 'Gemini does not enforce strict function schemas' });
    }
    if (parameters && schemaMode === 'json-schema') {
      declaration.parametersJsonSchema = parameters;
    } else if (parameters) {
      const converted = convertJsonSchemaToGemini(parameters, { omitEmptyObject: true });
      if (converted.schema) declaration.parameters = converted.schema;
      if (converted.dropped.length > 0) {
        warnings.push({
          type: 'parameter-changed',
          parameter: `tools.${index}.function.parameters`,
          message: `Gemini's function schema does not support: ${converted.dropped.join('; ')}`,
        });
      }
    }
    return declaration;
  });

  if (request.parallel_tool_calls === false) {
    warnings.push({ type: 'unsupported-parameter', parameter: 'parallel_tool_calls', message: 'Gemini cannot be limited to one function call per turn' });
  }
  const out: ToolsConversion = { warnings };
  if (declarations.length > 0) out.tools = [{ functionDeclarations: declarations }];

  const choice = request.tool_choice;
  if (choice !== undefined && declarations.length > 0) {
    if (choice === 'auto') out.toolConfig = { functionCallingConfig: { mode: 'AUTO' } };
    else if (choice === 'none') out.toolConfig = { functionCallingConfig: { mode: 'NONE' } };
    else if (choice === 'required') out.toolConfig = { functionCallingConfig: { mode: 'ANY' } };
    else out.toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  }
  return out;
}
