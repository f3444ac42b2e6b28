#!/usr/bin/env node
// Entry point: runs the TypeScript sources directly through tsx, so a fresh clone
// needs only `npm install` (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
