import type { HandlerOptions } from '@refract/core';

/** Options of `refract()`: the core handler's options, plus how the sub-app shares paths with the app. */
export interface RefractHonoOptions extends HandlerOptions {
  /**
   * Pass requests for paths Refract does not serve to the app's next handler instead of
   * answering them with an OpenAI-format 404. Useful when mounting at the root of an app
   * (`app.route('/', refract(router, { fallthrough: true }))`). Default false: the mount prefix is
   * Refract's namespace.
   */
  fallthrough?: boolean;
}
