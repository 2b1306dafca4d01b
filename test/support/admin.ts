/** Test secrets and the admin/webhook helpers shared by the snapshot and lifecycle tests. */
import type { LiveApp } from './live-app';

/** `ADMIN_TOKEN` of the tests. */
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
/** `PCO_WEBHOOK_SECRET` of the tests. */
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';
/** Bindings that enable `/admin/refresh` and `/webhooks/pco`. */
export const admin = { ADMIN_TOKEN, PCO_WEBHOOK_SECRET: WEBHOOK_SECRET };
/** UTF-8 bytes as an ArrayBuffer. */
export const encode = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** `POST /admin/refresh` with `token` (the test token by default). */
export const forceRefresh = (app: LiveApp, token = ADMIN_TOKEN) =>
  app.request('/admin/refresh', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
