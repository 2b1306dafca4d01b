/**
 * The demo Worker entry (`npm start`, wrangler.demo.toml): the production app, which, when
 * PCO_APP_ID and PCO_SECRET are not set, reads the sample church from the built-in fake
 * Planning Center instead of serving the setup page. Every page and feed then says "demo".
 * With credentials (e.g. in `.dev.vars`) it reads that Planning Center like production.
 */
import { createWorker } from '../app';
import { DEMO_PCO } from './pco';

export default createWorker({ demo: DEMO_PCO });
