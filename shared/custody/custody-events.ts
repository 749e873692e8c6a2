import { z } from 'zod';
import { staffRoleSchema } from '../domain/types';
import { TEXT_LIMITS, multilineText, text } from '../text/text-field';
import { bagCodeSchema, bagCountSchema, bagSchema, sealNoSchema } from './bags';
import { CUSTODY_PLACES, CUSTODY_STEPS, PARTY_PARTS } from './custody-steps';

/** A person in a custody step, proven at that moment by the badge scanned (PIN joins in issue 11). */
export const custodyPartySchema = z.object({
  part: z.enum(PARTY_PARTS),
  staffId: text(TEXT_LIMITS.code).min(1),
  name: text(TEXT_LIMITS.personName).min(1),
  role: staffRoleSchema,
  proof: z.literal('badge'),
});
export type CustodyParty = z.infer<typeof custodyPartySchema>;

const reason = multilineText(200);

/** The custody events' payloads (issue 13), spread into event-types.ts. */
export const custodyEventSchemas = {
  /** Bags entered in the registry (scanned, generated, imported, or sealed in the room at 收卷). */
  'bags.registered': z.object({ bags: z.array(bagSchema).min(1).max(500) }),
  /**
   * One step of one bag (custody-steps.ts): who gave, received or did it, each by badge; where; the
   * count checked; the seal seen. A step done for many bags at once writes one event per bag, all
   * with the same `handoffId` (one 交接单).
   */
  'custody.recorded': z.object({
    bagCode: bagCodeSchema,
    step: z.enum(CUSTODY_STEPS),
    handoffId: text(TEXT_LIMITS.identifier).min(1),
    place: z.enum(CUSTODY_PLACES),
    /** The bag's room when the step was taken (the receiving proctors' room for a site spare). */
    roomNo: text(TEXT_LIMITS.code).min(1).optional(),
    parties: z.array(custodyPartySchema).min(1).max(4),
    count: bagCountSchema.optional(),
    seal: z.object({ intact: z.boolean(), sealNo: sealNoSchema.optional() }).optional(),
    /** Who took the bags at the marking centre (not on the site's staff list). */
    recipient: text(TEXT_LIMITS.personName).min(1).optional(),
    note: multilineText(200).optional(),
    /** The 主考's exception that let a step through which the rules would refuse. */
    exceptionEventId: text(TEXT_LIMITS.identifier).min(1).optional(),
  }),
  /**
   * The 主考 (`actor`, by badge) signs for a bag that cannot follow the rules (missing, a count that
   * differs, a broken seal), with the reason: it stays on the record and lets the day reconcile.
   */
  'custody.exception-signed': z.object({
    bagCode: bagCodeSchema,
    reason: reason.min(1),
    problems: z.array(text(300)).max(20),
  }),
} as const;
