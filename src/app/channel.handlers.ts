// The broker side's commands (CH-1, CH-2, CH-6..8): a broker's application and the channel manager's
// decision, the exit of a broker-brought party, the viewing confirmation (or its refusal, or a fake
// customer), and the channel assistant's manual check. Each records one fact; refusals record nothing.
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import { normalisePhone } from '../core/phone.ts';
import { reason } from '../core/reasons.ts';
import type { BrokerArrival } from '../core/channel-book.ts';
import type { Instant } from '../core/time.ts';
import type { Command } from './commands.ts';
import { refuse, type Decision } from './handlers.ts';

export type ChannelCommand = Extract<Command, { do: 'applyBroker' | 'approveBroker' | 'rejectBroker' | 'leave' | 'confirmViewing' | 'refuseConfirmation' | 'markFake' | 'decideManualCheck' }>;

export function channelCommand(engine: Engine, c: ChannelCommand, now: Instant): Decision {
  const at = now;
  switch (c.do) {
    case 'applyBroker': {
      // CH-1: a consultant may enter an individual broker (全民经纪人) on their behalf, nothing else.
      const by = c.by !== undefined ? staffOf(engine, c.by) : null;
      if (by?.role === 'consultant' && c.broker.kind !== 'individual') refuse('wrong_role', 'a consultant enters individual brokers (全民经纪人) only (CH-1)');
      if (engine.brokers.has(c.broker.id)) refuse('already_exists', `broker "${c.broker.id}" already exists`);
      if (c.broker.kind !== 'individual' && !c.broker.company) refuse('invalid_input', 'a channel company broker names the company (CH-1)');
      return {
        fact: { type: 'brokerApplied', at, broker: c.broker, ...(c.by !== undefined ? { by: c.by } : {}) },
        answer: { reasons: [reason('CH-2', 'brokerPending', `${c.broker.id} applied: pending the channel manager's approval`, { broker: c.broker.id })] },
      };
    }
    case 'approveBroker':
    case 'rejectBroker': {
      staffOf(engine, c.by, ['manager', 'channelAssistant']);
      const app = engine.channelBook.applications.get(c.broker);
      if (!app || !engine.brokers.has(c.broker)) refuse('unknown_broker', `unknown broker "${c.broker}"`);
      const approve = c.do === 'approveBroker';
      if (approve && app.status === 'approved') refuse('already_decided', `${c.broker} is already approved`);
      if (!approve && app.status === 'rejected') refuse('already_decided', `${c.broker} is already rejected`);
      return approve
        ? { fact: { type: 'brokerApproved', at, broker: c.broker, by: c.by }, answer: { reasons: [reason('CH-2', 'brokerApproved', `${c.broker} is approved and may report`, { broker: c.broker })] } }
        : { fact: { type: 'brokerRejected', at, broker: c.broker, by: c.by, reason: c.reason }, answer: { reasons: [reason('CH-2', 'brokerRejected', `${c.broker} is rejected: ${c.reason}`, { broker: c.broker })] } };
    }
    case 'leave': {
      staffOf(engine, c.by);
      const a = arrivalOf(engine, c.arrival);
      if (a.leftAt !== null) refuse('already_decided', 'the party’s exit is already logged');
      return { fact: { type: 'partyLeft', at, arrival: c.arrival, by: c.by }, answer: { reasons: [reason('CH-6', 'partyLeft', 'exit time logged', { arrival: c.arrival })] } };
    }
    case 'confirmViewing':
    case 'refuseConfirmation': {
      const by = staffOf(engine, c.by, ['consultant', 'manager']);
      const a = arrivalOf(engine, c.arrival);
      if (a.channel === null) refuse('invalid_input', 'no broker visit was recognised for this arrival: there is no confirmation to fill in (CH-5)');
      if (by.role === 'consultant' && a.receiver !== c.by) refuse('wrong_role', `${c.by} did not receive this party: the receiving consultant fills in the confirmation (CH-7)`);
      if (a.confirmation !== null) refuse('already_decided', 'the confirmation is already settled');
      if (c.do === 'confirmViewing')
        return { fact: { type: 'viewingConfirmed', at, arrival: c.arrival, by: c.by, broker: a.broker }, answer: { reasons: [reason('CH-7', 'viewingConfirmed', 'viewing confirmation (看房确认单) completed with the customer’s confirmation', { broker: a.broker })] } };
      return {
        fact: { type: 'confirmationRefused', at, arrival: c.arrival, by: c.by, broker: a.broker, reason: c.reason },
        answer: { reasons: [reason('CH-7', 'confirmationRefused', `${c.by} refused the confirmation: a violation recorded against the consultant`, { who: c.by })] },
      };
    }
    case 'markFake': {
      staffOf(engine, c.by, ['manager']);
      const a = arrivalOf(engine, c.arrival);
      if (a.confirmation !== null) refuse('already_decided', 'the confirmation is already settled');
      return {
        fact: { type: 'fakeCustomerMarked', at, arrival: c.arrival, by: c.by, broker: a.broker, reason: c.reason },
        answer: { reasons: [reason('CH-7', 'fakeCustomer', `a fake customer: no confirmation; a violation recorded against ${a.broker}`, { broker: a.broker })] },
      };
    }
    case 'decideManualCheck': {
      staffOf(engine, c.by, ['manager', 'channelAssistant']);
      const book = engine.channelBook;
      const arrival = book.arrivals.get(c.ref);
      const report = book.reports.get(c.ref);
      const pending = arrival?.manualCheck === true || report?.manualCheck === true;
      if (!pending) refuse('unknown_record', `record ${c.ref} is not waiting for a manual check (CH-8)`);
      if (book.manualDecisions.has(c.ref)) refuse('already_decided', 'this manual check is already decided');
      const broker = (arrival?.broker ?? report?.broker) as string;
      let phone = arrival?.phone ?? undefined;
      if (c.phone !== undefined) {
        const key = normalisePhone(c.phone);
        if (key === null) refuse('invalid_phone', `"${c.phone}" is not a valid phone number`);
        if (arrival && arrival.phone !== null && key !== arrival.phone) refuse('invalid_input', 'an arrival’s manual check is about the customer who arrived');
        phone = key;
      }
      if (c.recognised && phone === undefined) refuse('invalid_input', 'recognising a masked report names the customer it meant (phone)');
      return {
        fact: { type: 'manualCheckDecided', at, ref: c.ref, by: c.by, broker, recognised: c.recognised, ...(phone !== undefined ? { phone } : {}), reason: c.reason },
        answer: {
          channel: c.recognised ? broker : null,
          reasons: [reason('CH-8', c.recognised ? 'manualRecognised' : 'manualNotRecognised', c.recognised ? `checked by hand: ${broker}'s report is recognised` : `checked by hand: ${broker}'s report is not recognised`, { broker })],
        },
      };
    }
  }
}

function staffOf(engine: Engine, who: StaffId, roles?: readonly string[]) {
  const s = engine.staff.get(who);
  if (!s) refuse('unknown_staff', `unknown staff "${who}"`);
  if (engine.departed.has(who)) refuse('departed', `${who} has left`);
  if (roles && !roles.includes(s.role)) refuse('wrong_role', `${who} is a ${s.role}`);
  return s;
}

function arrivalOf(engine: Engine, seq: number): BrokerArrival {
  const a = engine.channelBook.arrivals.get(seq);
  if (!a) refuse('unknown_record', `record ${seq} is not the arrival of a broker-brought party`);
  return a;
}
