export { createAdminHandler, ADMIN_TOKEN_ENV, type AdminHandlerOptions } from './create-admin-handler';
export type { AdminCaller } from './admin-context';
