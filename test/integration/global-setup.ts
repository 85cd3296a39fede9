// Integration tests run against the real pcscd: started here (in its own network namespace) unless
// one is already running, and stopped after the run. Tests find the namespace with inject('pcscNetns').
import type { TestProject } from 'vitest/node';
import { startPcscd } from './pcscd';

declare module 'vitest' {
  export interface ProvidedContext {
    pcscNetns: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pcscd = await startPcscd();
  project.provide('pcscNetns', pcscd.netns);
  return () => pcscd.stop();
}
