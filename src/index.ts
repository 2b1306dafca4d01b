/** Worker entry: the pco-feeds app as the module's `fetch` handler. */
import { createApp } from './app';

export default createApp();
