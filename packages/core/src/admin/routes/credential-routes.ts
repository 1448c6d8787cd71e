import { z } from 'zod';
import { RefractError } from '../../errors/refract-error';
import type { CredentialVault } from '../../secrets/credential-vault';
import type { AdminContext, AdminRoute } from '../admin-context';
import { json, readBody } from '../admin-http';

const putBody = z.object({ secret: z.string().min(1).max(16_384), label: z.string().min(1).max(200).optional() });

function vaultOf(context: AdminContext): CredentialVault {
  if (!context.vault) {
    throw new RefractError('REFRACT_ERR_ENCRYPTION_KEY', 'Provider credentials need an encryption key: set REFRACT_ENCRYPTION_KEY (32 bytes, base64 or hex)');
  }
  return context.vault;
}

/** Provider credentials: write-only. Lists show where a secret is and which key sealed it, never the secret. */
export const credentialRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/tenants/:slug/credentials',
    access: 'admin',
    handle: async (context) => json({ object: 'list', data: await vaultOf(context).list(context.params['slug'] ?? '') }),
  },
  {
    method: 'PUT',
    path: '/tenants/:slug/credentials/:provider',
    access: 'admin',
    handle: async (context) => {
      const vault = vaultOf(context);
      const body = await readBody(context.request, putBody, context.maxBodyBytes);
      const slug = context.params['slug'] ?? '';
      if (slug !== '*' && !(await context.storage.getTenant(slug))) throw new RefractError('REFRACT_ERR_TENANT_UNKNOWN', `No tenant '${slug}'`);
      return json(await vault.put(slug, context.params['provider'] ?? '', body.secret, body.label));
    },
  },
  {
    method: 'DELETE',
    path: '/tenants/:slug/credentials/:provider',
    access: 'admin',
    handle: async (context) => {
      const { slug = '', provider = '' } = context.params;
      if (!(await vaultOf(context).delete(slug, provider))) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No ${provider} credential for '${slug}'`);
      return json({ tenant: slug, provider, deleted: true });
    },
  },
];
