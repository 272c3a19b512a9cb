// POST /api/projects/:project/commands/<action>: one endpoint per command. Each validates its body,
// lets the access table fill and check who acts, executes through the office, and maps the outcome.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Action, Command } from '../app/commands.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { COMMAND_BODIES, commandAnswerSchema, commandHeaders, type CommandAction, type CommandAnswer } from '../contracts/commands.contract.ts';
import { normalisePhone } from '../core/phone.ts';
import type { Executed } from '../store/offices.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { ApiError } from './error-map.ts';
import { reasonsForBroker } from '../app/channel.queries.ts';
import { endStaffAccess } from '../accounts/accounts-store.ts';

type BodyOf<A extends Action> = Omit<Extract<Command, { do: A }>, 'do'>;

/**
 * The contract's bodies are the app's commands: one entry for every action and none for an action the app
 * does not have, each body a part of its command (the access table fills in the rest). A new command does
 * not compile until src/contracts/commands.contract.ts has its body.
 */
const BODIES: { readonly [A in Action]: z.ZodType<Partial<BodyOf<A>>> } & { readonly [A in Exclude<CommandAction, Action>]: never } = COMMAND_BODIES;

/** The command a resolved body stands for (the access table has filled the caller's fields). */
function commandOf(action: Action, body: Readonly<Record<string, unknown>>): Command {
  return { do: action, ...body } as Command;
}

const SUMMARIES: Readonly<Record<Action, string>> = {
  signIn: "Join today's queue at the tail (ROT-1)",
  signOut: "Leave today's queue",
  away: 'Become unavailable, privately or on business (ROT-5, ROT-6)',
  back: 'Available again',
  arrive: 'A party walks in: the office decides who receives it (ROT-2..12, CH-5)',
  done: "End the consultant's current reception",
  reclassify: 'The party last received was not a customer (ROT-3)',
  decline: 'Decline the party received on a turn, forfeiting the turn (ROT-4)',
  register: 'An entry in the visit or call register (REG-1, REG-2, OWN-1)',
  followUp: 'A follow-up record (OWN-3)',
  link: 'Two customers are family (OWN-7)',
  merge: 'Two records are one customer (OWN-6)',
  depart: "A consultant leaves: customers to the pool, access ends (OWN-10, SEC-4)",
  reassign: 'The manager assigns a customer (OWN-5, OWN-10)',
  assignIntroduced: 'The manager gives a customer the company or a leader introduced to the consultant whose turn it is, at the commission rate (OWN-9)',
  freezeRegister: 'The manager freezes the valid customer register before an opening; disputes follow it (OWN-13)',
  markAlertRead: 'The owner marks an arrival alert read (RISK-2)',
  suspend: 'Sanction: no new parties for some days (ROT-14)',
  report: 'A broker reports a customer (CH-3, CH-4, CH-8)',
  deal: 'An order stage for a unit (DEAL-1..3)',
  dispute: 'Object to the ownership behind a deal, naming one\'s own record of the customer (DEAL-4)',
  refund: 'End the unit\'s live order: 退房 or 违约 (end: default); the unit is for sale at once (DEAL-2)',
  swap: 'Move the live order to a free unit, keeping its stage and credit (换房, DEAL-2)',
  changeBuyer: 'Change or add a buyer\'s name on the order, with why (换名/加名, DEAL-2)',
  resolve: 'Decide the open dispute from both sides\' records, or override with a written reason (DEAL-5)',
  hold: 'Hold a free unit back from sale, with a reason (预留, DEAL-1)',
  release: 'Release a held unit (DEAL-1)',
  reorder: "Reorder today's queue, with a reason (ROT-1)",
  outOfTurn: "A team engaged a party out of turn and loses tomorrow's turn (ROT-13)",
  addStaff: 'Add a member of staff to the roster',
  addBroker: 'List a broker',
  addUnit: 'List a unit (DEAL-1)',
  importUnits: 'List or re-describe many units at once, all or nothing (DEAL-1)',
  editUnit: 'Re-describe a unit: a new fact, never an update (DEAL-1)',
  withdrawUnit: 'Take a unit off sale, with a reason (DEAL-1)',
  setPolicy: 'Change the policy from now on',
  // ---- the broker side ----
  applyBroker: 'A broker applies, or a consultant enters an individual broker (全民经纪人) (CH-1, CH-2)',
  approveBroker: 'The channel manager approves a broker (CH-2)',
  rejectBroker: 'The channel manager rejects a broker, with a reason (CH-2)',
  leave: 'The desk logs the exit of a broker-brought party (CH-6)',
  confirmViewing: 'The receiving consultant completes the viewing confirmation (看房确认单) (CH-7)',
  refuseConfirmation: 'The consultant refuses the confirmation: a violation by the consultant (CH-7)',
  markFake: 'The manager marks a fake customer: a violation by the broker (CH-7)',
  decideManualCheck: 'The channel assistant decides a masked report or arrival by hand, with a reason (CH-8)',
  recordViolation: 'Record a violation: person, rule, date, evidence and sanction — warning, fine or suspension from the queue (PEN-1, ROT-14)',
  appeal: 'Appeal a violation recorded against oneself, once (PEN-1)',
  decideAppeal: 'Decide an appeal: the sanction stands, or is overturned and a suspension ends now (PEN-1)',
  decideLateEntry: 'Approve or refuse a late entry, once; approved, it counts from the visit (REG-5)',
  identify: 'Link an entry made without a phone to the customer\'s phone (REG-7)',
  importEntry: 'Bring one paper-era register entry in (visit, call or follow-up), at the time it happened, approved by the manager; refused if the register has it (REG-5, issue 11.4)',
};

/** A refused command is an error answer with the refusal's code and reasons; nothing was recorded. */
function answerOf(executed: Executed): CommandAnswer {
  if (!executed.ok) throw new ApiError(executed.refusal.code, { detail: executed.refusal.message, ...(executed.refusal.reasons ? { reasons: executed.refusal.reasons } : {}) });
  return { answer: executed.answer, seq: executed.seq ?? null, replayed: executed.replayed === true };
}

export function commandRoutes(app: FastifyInstance, { clock, db, hub }: RouteDeps): void {
  for (const action of Object.keys(BODIES) as Action[]) {
    addProjectRoute(app, action, {
      summary: SUMMARIES[action],
      tags: ['commands'],
      params: projectParams,
      body: BODIES[action] as z.ZodType<Record<string, unknown>>,
      headers: commandHeaders,
      answer: commandAnswerSchema,
      // A whole unit list is one command (DEAL-1: nothing half-imported); 5,000 units are about 700 kB of JSON.
      ...(action === 'importUnits' ? { bodyLimit: 8 * 1024 * 1024 } : {}),
      handler: async ({ body, headers }, req) => {
        const { caller, handle } = inProject(req);
        const ownerOf = async (phone: string) => {
          const key = normalisePhone(phone);
          return key === null ? null : (await handle.engine()).ownership(key, clock()).owner;
        };
        const input = await authorisedInput(action, caller, body, ownerOf);
        const key = headers['idempotency-key'];
        const executed = await handle.execute(commandOf(action, input), { kind: 'user', id: caller.userId }, key === undefined ? {} : { idempotencyKey: key });
        // SEC-4: the departed person's sessions end before the answer goes out, so that no process — this one or
        // another sharing the database, whose notice of the departure may still be on its way — serves them again.
        if (action === 'depart' && executed.ok) {
          for (const userId of await endStaffAccess(db, handle.project.id, (input as { readonly who: string }).who, { now: clock() })) hub.closeUser(userId);
        }
        // Issue 14 item 5: a broker is told "already protected", never the owner or the rival broker.
        if (action === 'report' && caller.role === 'broker' && executed.ok) return answerOf({ ...executed, answer: { ...executed.answer, reasons: reasonsForBroker(executed.answer.reasons, executed.answer.accepted === true) } });
        return answerOf(executed);
      },
    });
  }
}
