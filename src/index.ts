/** Worker entry: the pco-feeds app (`fetch`) and its Cron Trigger refresh (`scheduled`). */
import { createWorker } from './app';

export default createWorker();
