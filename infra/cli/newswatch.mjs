#!/usr/bin/env node
// The `newswatch` bin: registers tsx's loader, then runs the TypeScript CLI. The repository ships
// no build step, so `npx newswatch` after `npm ci` runs the sources directly.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
