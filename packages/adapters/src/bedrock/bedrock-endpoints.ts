import { RefractError } from '@refract/core';

export interface BedrockEndpoints {
  region: string | undefined;
  runtime: string;
  control: string | undefined;
}

/**
 * Resolves the region and the runtime and control-plane base URLs. Without a region there is no
 * default endpoint, so a missing region is a configuration error unless `endpoint` is given.
 */
export function resolveEndpoints(
  options: { region?: string | undefined; endpoint?: string | undefined; controlPlaneEndpoint?: string | undefined },
  env: Record<string, string | undefined>,
): BedrockEndpoints {
  const region = nonEmpty(options.region) ?? nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']) ?? regionOf(options.endpoint);
  if (options.endpoint === undefined && region === undefined) {
    throw new RefractError(
      'REFRACT_ERR_CONFIG',
      'bedrock: no AWS region. Pass `region`, set AWS_REGION or AWS_DEFAULT_REGION, or pass an `endpoint`.',
      { param: 'region' },
    );
  }
  const runtime = trimSlash(options.endpoint ?? `https://bedrock-runtime.${region}.amazonaws.com`);
  const control = options.controlPlaneEndpoint ?? (region ? `https://bedrock.${region}.amazonaws.com` : undefined);
  for (const [name, value] of [['endpoint', runtime], ['controlPlaneEndpoint', control]] as const) {
    if (value !== undefined && !/^https?:\/\//i.test(value)) {
      throw new RefractError('REFRACT_ERR_CONFIG', `bedrock: ${name} must be an http(s) URL, got '${value}'`, { param: name });
    }
  }
  return { region, runtime, control: control === undefined ? undefined : trimSlash(control) };
}

/** The region named in an AWS endpoint host, e.g. `bedrock-runtime.eu-west-1.amazonaws.com` or a VPC endpoint. */
export function regionOf(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  const match = /bedrock(?:-runtime)?(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:vpce\.)?amazonaws\.com/i.exec(endpoint);
  return match?.[1]?.toLowerCase();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
