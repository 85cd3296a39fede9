// Builds the renderer once for all end-to-end tests, exactly as `npm start` serves it.
import { build } from 'vite';
import { RENDERER_CONFIG } from './harness';

export default async function setup(): Promise<void> {
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn' });
}
