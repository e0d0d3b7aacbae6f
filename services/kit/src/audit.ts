import type { Connection, Model } from "mongoose";
import { Schema } from "mongoose";
import type { Viewer } from "./auth/viewer.js";

/**
 * The access ledger: who read whose personal data, what, when and why (Ley 1581/2012). Each subgraph
 * keeps its own `audit_events` collection; entries gathered during a request are written together,
 * durably, before the response leaves.
 */
export interface AuditEvent {
  at: Date;
  requestId: string;
  actor: { subject: string; role: string; memberId?: string; employerNit?: string; ipsCode?: string };
  action: string;
  subjectMemberId: string;
  purpose: string | null;
}

const auditSchema = new Schema<AuditEvent>(
  {
    at: { type: Date, required: true },
    requestId: { type: String, required: true },
    actor: {
      subject: { type: String, required: true },
      role: { type: String, required: true },
      memberId: String,
      employerNit: String,
      ipsCode: String,
    },
    action: { type: String, required: true },
    subjectMemberId: { type: String, required: true },
    purpose: { type: String, default: null },
  },
  // Every write of the ledger waits for the journal on a majority (schema-level write concern).
  { collection: "audit_events", versionKey: false, writeConcern: { w: "majority", j: true } },
);
// "Who looked at this member" and "what did this user look at", newest first (read backwards: ascending
// keys, as docs/architecture.md says why).
auditSchema.index({ subjectMemberId: 1, at: 1 });
auditSchema.index({ "actor.subject": 1, at: 1 });

export const auditModel = (connection: Connection): Model<AuditEvent> =>
  connection.models["AuditEvent"] ?? connection.model<AuditEvent>("AuditEvent", auditSchema);

export class AuditTrail {
  private readonly pending = new Map<string, AuditEvent>();

  constructor(
    private readonly viewer: Viewer | null,
    private readonly requestId: string,
    private readonly purpose: string | null,
  ) {}

  /** Notes one access; the same access twice in a request is one entry. */
  record(action: string, subjectMemberId: string): void {
    if (!this.viewer) return;
    const key = `${action}:${subjectMemberId}`;
    if (this.pending.has(key)) return;
    const { subject, role, memberId, employerNit, ipsCode } = this.viewer;
    this.pending.set(key, {
      at: new Date(),
      requestId: this.requestId,
      actor: { subject, role, ...(memberId && { memberId }), ...(employerNit && { employerNit }), ...(ipsCode && { ipsCode }) },
      action,
      subjectMemberId,
      purpose: this.purpose,
    });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Writes what was noted with a journaled majority write: a read that cannot be recorded must not be served. */
  async flush(model: Model<AuditEvent>): Promise<void> {
    if (!this.pending.size) return;
    const events = [...this.pending.values()];
    this.pending.clear();
    await model.insertMany(events, { ordered: false });
  }
}
