import type { Clock } from '@refract/core';
import type { BaseAdapterOptions } from '../shared';
import type { AwsCredentials } from './sigv4';

export type { AwsCredentials } from './sigv4';

/** Where AWS credentials come from: fixed keys, or a function called when they are needed. */
export type AwsCredentialSource = AwsCredentials | (() => Promise<AwsCredentials>);

/** Cohere `input_type` values. */
export type CohereInputType = 'search_document' | 'search_query' | 'classification' | 'clustering';

/** Defaults for `embed()` on Bedrock (Titan text and Cohere embed models). */
export interface BedrockEmbeddingOptions {
  /** Cohere `input_type` when the request does not carry one. Default `search_document`. */
  cohereInputType?: CohereInputType;
  /** Cohere `truncate`. Default: Bedrock's own (`NONE`, i.e. too-long input is an error). */
  cohereTruncate?: 'NONE' | 'START' | 'END';
  /** Titan v2 `normalize`. Default true (Bedrock's default). */
  titanNormalize?: boolean;
  /** Titan takes one input per call; at most this many calls run at once. Default 4. */
  titanConcurrency?: number;
}

export interface BedrockAdapterOptions extends BaseAdapterOptions {
  /** AWS region. Default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the region in `endpoint`. */
  region?: string;
  /**
   * AWS credentials for SigV4. Default: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
   * `AWS_SESSION_TOKEN` from the environment. A function is called before a request unless its last
   * result carries an `expiration` more than five minutes away. Shared config/credential files,
   * profiles, SSO, web identity, ECS and EC2 instance metadata are not read: pass a function here
   * that returns credentials from them.
   */
  credentials?: AwsCredentialSource;
  /**
   * A Bedrock API key, sent as `Authorization: Bearer`. Default `AWS_BEARER_TOKEN_BEDROCK`.
   * An explicit `apiKey` wins over `credentials`; an explicit `credentials` wins over the
   * environment's API key, which wins over the environment's access keys.
   */
  apiKey?: string;
  /** Runtime endpoint (VPC endpoint, FIPS, proxy). Default `https://bedrock-runtime.{region}.amazonaws.com`. */
  endpoint?: string;
  /** Control-plane endpoint used by `listModels()`. Default `https://bedrock.{region}.amazonaws.com`. */
  controlPlaneEndpoint?: string;
  /**
   * Bedrock takes image bytes, not URLs. When `true`, an `http(s)` image URL on a public host is
   * downloaded through this adapter's dispatcher (localhost, private, link-local and CGNAT
   * addresses are refused); a function decides instead which URLs may be fetched. Either way every
   * redirect target is checked again, the body is capped at `maxImageBytes` and must be PNG, JPEG,
   * GIF or WebP. Default `false`: such a request is refused with a clear error, because fetching
   * caller-supplied URLs from the server is a server-side request forgery risk. Images as `data:`
   * URLs always work.
   */
  fetchImageUrls?: boolean | ((url: URL) => boolean);
  /** Largest image downloaded for `fetchImageUrls`. Default 3 750 000 bytes (Bedrock's image limit). */
  maxImageBytes?: number;
  embeddings?: BedrockEmbeddingOptions;
  /** Environment to read defaults from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Time source for request signing. Default the system clock. */
  clock?: Clock;
}

export const DEFAULT_MAX_IMAGE_BYTES = 3_750_000;
