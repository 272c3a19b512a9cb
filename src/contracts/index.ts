// The HTTP API's contract: every request's schema and every answer's schema and type, shared by the
// server (which validates with these schemas, types its presenters by these answers and documents both in
// /api/openapi.json) and the web app (which imports the types). Pure: zod and the core's own definitions.
export * from './common.contract.ts';
export * from './errors.contract.ts';
export * from './session.contract.ts';
export * from './commands.contract.ts';
export * from './floor.contract.ts';
export * from './customers.contract.ts';
export * from './register.contract.ts';
export * from './reports.contract.ts';
export * from './policy.contract.ts';
export * from './system.contract.ts';
export * from './sales.contract.ts';
export * from './channel.contract.ts';
export * from './admin.contract.ts';
export * from './violations.contract.ts';
export * from './risk.contract.ts';
export * from './register-hygiene.contract.ts';
export * from './ownership-desk.contract.ts';
// register import (issue 11.4)
export * from './register-import.contract.ts';
// daily summary (issue 11.5)
export * from './daily-summary.contract.ts';
export * from './display.contract.ts';
