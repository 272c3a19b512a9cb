#!/usr/bin/env node
// The CLI is TypeScript, with no build step between a clone and `npx anchang`: each start bundles it
// (bin/cli-bundle.js, about 0.2 s) and runs the bundle. ANCHANG_TSX=1 runs the sources through tsx's loader
// instead (TypeScript line numbers in stack traces), as does a checkout whose dist/ cannot be written.
import { pathToFileURL } from 'node:url';

let bundle = null;
if (process.env.ANCHANG_TSX !== '1') {
  try {
    bundle = await (await import('./cli-bundle.js')).bundleCli();
  } catch (error) {
    console.error(`anchang: running the sources through tsx (the bundle could not be made: ${error.message.split('\n')[0]})`);
  }
}
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
