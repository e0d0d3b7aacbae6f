import { figuresForYear } from "@sos/kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Context } from "../src/context.js";
import { paymentStatus } from "../src/contribution/contribution.status.js";
import { liquidate, type ContributorKind } from "../src/contribution/liquidation.js";
import { pacStatementOf } from "../src/pac/pac.accounts.js";
import { InvoiceState, type InvoiceDoc } from "../src/pac/pac.model.js";
import { ageDebts, agingBucket, withholdingYear } from "../src/pac/pac.rules.js";
import { cufeOf, invoiceNumber, lastDayOf, newInvoice } from "../src/pac/invoice.run.js";

// Properties of billing's money rules — the health contribution (liquidación de aportes), the PAC
// invoice as issued, cartera by age, the retención PAC figure and paz y salvo — over many generated
// incomes, invoices, debts and payment histories. Expected figures come from the rule as docs/billing.md
// and the modules' own descriptions state it, computed here in exact integer (BigInt) or calendar
// arithmetic written for the test, never from the module's helpers.

const YEARS = [2025, 2026] as const;
const year = fc.constantFrom(...YEARS);
const kinds = fc.constantFrom<ContributorKind>("DEPENDIENTE", "INDEPENDIENTE");
const smmlv = (y: number): number => figuresForYear(y).smmlv.value;

/** ⌈n / d⌉ for non-negative integers, exactly. */
const ceilDiv = (n: bigint, d: bigint): bigint => (n + d - 1n) / d;
/** A share of the IBC in per-mille, rounded up to the next $100 as PILA does: ⌈IBC × ‰ / 1000 / 100⌉ × 100. */
const pilaShare = (ibc: number, perMille: number): number => Number(ceilDiv(BigInt(ibc) * BigInt(perMille), 100_000n) * 100n);

const income = fc.oneof(fc.integer({ min: 1, max: 100_000_000_000 }), fc.integer({ min: 1, max: 60_000_000 }));
/**
 * A contributor kind, a year and a monthly income, often one whose IBC lands on a bound of that year —
 * 1 or 25 SMMLV — or a peso either side (for an independent, the incomes whose 40 % does).
 */
const contributor = fc.tuple(kinds, year).chain(([kind, y]) => {
  const atBase = (base: number): number => (kind === "DEPENDIENTE" ? base : Math.ceil((base * 10) / 4));
  const bounds = [smmlv(y), 25 * smmlv(y)].flatMap((bound) => [atBase(bound) - 1, atBase(bound), atBase(bound) + 1]);
  return fc.tuple(fc.constant(kind), fc.oneof(income, fc.constantFrom(...bounds)), fc.constant(y));
});

describe("liquidación de aportes a salud", () => {
  it("takes the IBC between 1 and 25 SMMLV — the salary, or 40 % of an independent's income rounded up — and flags a clamp", () => {
    fc.assert(
      fc.property(contributor, ([kind, monthlyIncome, y]) => {
        const result = liquidate(kind, monthlyIncome, y);
        const base = kind === "DEPENDIENTE" ? monthlyIncome : Number(ceilDiv(BigInt(monthlyIncome) * 4n, 10n));
        const [floor, ceiling] = [smmlv(y), 25 * smmlv(y)];
        expect(result.ibc).toBe(base < floor ? floor : base > ceiling ? ceiling : base);
        expect(result.floorApplied).toBe(base < floor);
        expect(result.ceilingApplied).toBe(base > ceiling);
        expect(result).toMatchObject({ year: y, kind, monthlyIncome, smmlv: { value: smmlv(y) } });
      }),
    );
  });

  it("charges 12.5 % of the IBC rounded up to $100 once; a dependent's 4 % rounded up is the worker's, the rest the employer's", () => {
    fc.assert(
      fc.property(contributor, ([kind, monthlyIncome, y]) => {
        const { ibc, total, employerShare, workerShare } = liquidate(kind, monthlyIncome, y);
        expect(total).toBe(pilaShare(ibc, 125));
        for (const value of [total, employerShare, workerShare]) {
          expect(Number.isSafeInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value % 100).toBe(0);
        }
        expect(employerShare + workerShare).toBe(total);
        // Never less than the law's 12.5 %, and less than $100 over it (in hundredths of a peso, exactly).
        expect(BigInt(total) * 1000n).toBeGreaterThanOrEqual(BigInt(ibc) * 125n);
        expect(BigInt(total) * 1000n).toBeLessThan(BigInt(ibc) * 125n + 100_000n);
        if (kind === "INDEPENDIENTE") {
          expect([employerShare, workerShare]).toEqual([0, total]);
        } else {
          expect(workerShare).toBe(pilaShare(ibc, 40));
          // The employer's part stays within $100 of its 8.5 %, either way.
          const employerExact = BigInt(ibc) * 85n; // thousandths of a peso
          expect(BigInt(employerShare) * 1000n > employerExact - 100_000n && BigInt(employerShare) * 1000n < employerExact + 100_000n).toBe(true);
        }
      }),
    );
  });

  it("never charges less for a higher income, and charges an independent what it charges a dependent with the same IBC", () => {
    fc.assert(
      fc.property(contributor, income, ([kind, a, y], b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lower = liquidate(kind, low, y);
        const higher = liquidate(kind, high, y);
        expect(higher.ibc).toBeGreaterThanOrEqual(lower.ibc);
        expect(higher.total).toBeGreaterThanOrEqual(lower.total);
        expect(higher.workerShare).toBeGreaterThanOrEqual(lower.workerShare);
        // An independent's IBC is 40 % of the income: the total equals a dependent's earning that IBC.
        const independent = liquidate("INDEPENDIENTE", high, y);
        expect(independent.total).toBe(liquidate("DEPENDIENTE", independent.ibc, y).total);
      }),
    );
  });

  it("refuses an income that is not a positive whole number of pesos, and a year without legal figures", () => {
    const badIncome = fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1.5, -0));
    fc.assert(
      fc.property(kinds, badIncome, fc.integer({ min: 1900, max: 2100 }), (kind, bad, y) => {
        expect(() => liquidate(kind, bad, 2026)).toThrow(RangeError);
        // Another year's minimum wage is never used for a year the table lacks.
        if (!(YEARS as readonly number[]).includes(y)) expect(() => liquidate(kind, 3_000_000, y)).toThrow(String(y));
      }),
    );
  });
});

// --- The PAC invoice ----------------------------------------------------------------------------------

const leapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number): number => [31, leapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
const pad = (value: number, width = 2): string => String(value).padStart(width, "0");
/** `days` after a date, counted through the calendar month by month (no Date). */
function plusDays(date: string, days: number): string {
  let [y, m, d] = date.split("-").map(Number) as [number, number, number];
  d += days;
  while (d > monthLength(y, m)) {
    d -= monthLength(y, m);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return `${y}-${pad(m)}-${pad(d)}`;
}
const day = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${y}-${pad(m)}-${pad(Math.min(d, monthLength(y, m)))}`);
const period = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`);
const memberId = fc.stringMatching(/^[0-9a-f]{24}$/);
const prefix = fc.stringMatching(/^[A-Z]{1,4}$/);
const consecutive = fc.integer({ min: 1, max: 9_999_999 });
const fee = fc.integer({ min: 1, max: 5_000_000 });

describe("the PAC invoice", () => {
  it("is issued owed by the holder for the contract's fee, due 15 days later, with a CUFE anyone can recompute from its fields", () => {
    fc.assert(
      fc.property(prefix, consecutive, memberId, fee, period, day, fc.string({ minLength: 1, maxLength: 40 }), (invoicePrefix, n, holderId, monthlyFee, p, issuedOn, dianTechnicalKey) => {
        const invoice = newInvoice({ _id: "PAC-1", holderId, monthlyFee }, p, issuedOn, n, { invoicePrefix, dianTechnicalKey });
        const number = `${invoicePrefix}-${pad(n, 7)}`;
        expect(invoice).toMatchObject({ _id: number, consecutive: n, contractId: "PAC-1", holderId, owedBy: holderId, period: p, amount: monthlyFee, issuedOn, state: InvoiceState.EMITIDA, paidAt: null, payment: null, openPayment: null });
        expect(invoice.dueDate).toBe(plusDays(issuedOn, 15));
        expect(invoice.sortKey).toBe(`${invoice.dueDate}:${number}`);
        expect(invoice.cufe).toMatch(/^[0-9a-f]{96}$/);
        expect(cufeOf({ _id: number, issuedOn, amount: monthlyFee, holderId }, dianTechnicalKey)).toBe(invoice.cufe);
      }),
    );
  });

  it("gets a CUFE that changes with its number, date, amount, holder or technical key, and with nothing else", () => {
    const invoiceFields = fc.record({ _id: fc.tuple(prefix, consecutive).map(([p, n]) => invoiceNumber(p, n)), issuedOn: day, amount: fee, holderId: memberId });
    fc.assert(
      fc.property(invoiceFields, invoiceFields, fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (a, b, keyA, keyB) => {
        for (const field of ["_id", "issuedOn", "amount", "holderId"] as const) {
          const changed = { ...a, [field]: b[field] };
          expect(cufeOf(changed, keyA) === cufeOf(a, keyA)).toBe(a[field] === b[field]);
        }
        expect(cufeOf(a, keyA) === cufeOf(a, keyB)).toBe(keyA === keyB);
        // Fields outside the CUFE (the period, the contract, the state) leave it alone.
        expect(cufeOf({ ...a, period: "1999-01", contractId: "x", state: "PAGADA" } as typeof a, keyA)).toBe(cufeOf(a, keyA));
      }),
    );
  });

  it("is numbered so that text order is issue order, one number per consecutive", () => {
    fc.assert(
      fc.property(prefix, consecutive, consecutive, (p, a, b) => {
        expect(invoiceNumber(p, a)).toMatch(new RegExp(`^${p}-\\d{7}$`));
        expect(Number(invoiceNumber(p, a).slice(p.length + 1))).toBe(a);
        expect(Math.sign(invoiceNumber(p, a).localeCompare(invoiceNumber(p, b)))).toBe(Math.sign(a - b));
      }),
    );
  });

  it("is made for a contract that starts by the period's last day: the day before the next month's first", () => {
    fc.assert(
      fc.property(period, (p) => {
        const [y, m] = p.split("-").map(Number) as [number, number];
        const last = lastDayOf(p);
        expect(last).toBe(`${p}-${pad(monthLength(y, m))}`);
        expect(plusDays(last, 1)).toBe(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`);
      }),
    );
  });
});

// --- Cartera by age, the retención PAC figure, the PAC statement ----------------------------------------

/** Whole days from one date to another, counted through the calendar (no Date). */
function daysFrom(from: string, to: string): number {
  const ordinal = (date: string): number => {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    let days = d;
    for (let year = 1900; year < y; year += 1) days += leapYear(year) ? 366 : 365;
    for (let month = 1; month < m; month += 1) days += monthLength(y, month);
    return days;
  };
  return ordinal(to) - ordinal(from);
}
/** A day near another (generation only; expectations count days through the calendar). */
const near = (date: string, from: number, to: number): fc.Arbitrary<string> => fc.integer({ min: from, max: to }).map((offset) => new Date(Date.parse(`${date}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10));
/** A day and amounts due around it — a random day, or one within a few days of a bucket's bound (due today, 30, 31, 60, 61, 90, 91 days ago). */
const debtsOn = day.chain((today) =>
  fc.tuple(
    fc.array(fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), dueDate: fc.oneof(day, near(today, -100, 5), fc.constantFrom(0, -30, -31, -60, -61, -90, -91).chain((at) => near(today, at - 1, at + 1))) }), { maxLength: 30 }),
    fc.constant(today),
  ),
);

describe("cartera by age", () => {
  it("puts each debt past due in the bucket of its days late (1–30, 31–60, 61–90, more), counts every one once, and loses no peso", () => {
    fc.assert(
      fc.property(debtsOn, ([list, today]) => {
        const rows = ageDebts(list, today);
        expect(rows.map((row) => row.bucket)).toEqual(["0-30", "31-60", "61-90", "90+"]);
        const expected = { "0-30": { count: 0, amount: 0 }, "31-60": { count: 0, amount: 0 }, "61-90": { count: 0, amount: 0 }, "90+": { count: 0, amount: 0 } };
        for (const debt of list) {
          const late = daysFrom(debt.dueDate, today);
          const bucket = late <= 0 ? null : late <= 30 ? "0-30" : late <= 60 ? "31-60" : late <= 90 ? "61-90" : "90+";
          expect(agingBucket(debt.dueDate, today)).toBe(bucket);
          if (bucket) {
            expected[bucket].count += 1;
            expected[bucket].amount += debt.amount;
          }
        }
        expect(rows).toEqual(Object.entries(expected).map(([bucket, figures]) => ({ bucket, ...figures })));
        // Whatever order the debts come in.
        expect(ageDebts([...list].reverse(), today)).toEqual(rows);
      }),
    );
  });
});

describe("the retención PAC figure", () => {
  it("adds each month's payments of the year, deducts at most 16 UVT a month, and ignores other years", () => {
    const payments = fc.array(fc.record({ paidOn: fc.oneof(day, year.chain((y) => day.map((d) => `${y}${d.slice(4)}`))), amount: fc.integer({ min: 0, max: 2_000_000 }) }), { maxLength: 40 });
    fc.assert(
      fc.property(year, payments, (y, list) => {
        const result = withholdingYear(y, list);
        const cap = 16 * figuresForYear(y).uvt.value;
        expect(result.monthlyCap).toBe(cap);
        for (let month = 1; month <= 12; month += 1) {
          const paid = list.filter((payment) => payment.paidOn.startsWith(`${y}-${pad(month)}-`)).reduce((sum, payment) => sum + payment.amount, 0);
          expect(result.months[month - 1]).toEqual({ month, paid, deductible: Math.min(paid, cap) });
        }
        expect(result.paid).toBe(list.filter((payment) => payment.paidOn.startsWith(`${y}-`)).reduce((sum, payment) => sum + payment.amount, 0));
        expect(result.deductible).toBe(result.months.reduce((sum, month) => sum + month.deductible, 0));
        expect(result.deductible).toBeLessThanOrEqual(result.paid);
        expect(result.deductible).toBeLessThanOrEqual(12 * cap);
      }),
    );
  });
});

describe("the PAC statement", () => {
  it("owes the sum of the unpaid invoices, overdue the ones past due, next the earliest not yet due, oldest first", async () => {
    const invoicesOn = day.chain((today) => fc.tuple(fc.array(fc.record({ _id: fc.uuid(), amount: fee, dueDate: fc.oneof(day, near(today, -3, 3)) }), { maxLength: 20 }), fc.constant(today)));
    await fc.assert(
      fc.asyncProperty(invoicesOn, async ([unpaid, today]) => {
        const ctx = { loaders: { contractsOf: { load: async () => [] }, unpaidInvoicesOf: { load: async () => unpaid as unknown as InvoiceDoc[] } } } as unknown as Context;
        const statement = await pacStatementOf(ctx, "m1", today);
        expect(statement.balanceDue).toBe(unpaid.reduce((sum, invoice) => sum + invoice.amount, 0));
        expect(statement.overdueAmount).toBe(unpaid.filter((invoice) => daysFrom(invoice.dueDate, today) > 0).reduce((sum, invoice) => sum + invoice.amount, 0));
        const dues = unpaid.map((invoice) => invoice.dueDate).sort();
        expect(statement.nextDueDate).toBe(dues.find((due) => daysFrom(due, today) <= 0) ?? dues[0] ?? null);
        expect(statement.unpaidInvoices.map((invoice) => invoice.dueDate)).toEqual(dues);
      }),
    );
  });
});

// --- Paz y salvo and the suspension rule ---------------------------------------------------------------

const monthIndex = (p: string): number => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
const periodOf = (index: number): string => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
/** Unpaid periods of one cotizante (one row per month), some deducted by the employer and not paid. */
const unpaidPeriods = fc
  .uniqueArray(fc.integer({ min: monthIndex("2024-01"), max: monthIndex("2026-12") }), { maxLength: 14 })
  .chain((indexes) => fc.tuple(...indexes.map((index) => fc.boolean().map((deductedNotPaid) => ({ period: periodOf(index), dueDate: `${periodOf(index + 1)}-10`, deductedNotPaid })))))
  .chain((rows) => fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }));

describe("paz y salvo and the suspension rule", () => {
  it("suspends exactly when two consecutive months are unpaid and neither was deducted by the employer (Ley 789 de 2002)", () => {
    fc.assert(
      fc.property(unpaidPeriods, fc.option(day), (rows, lastPaidOn) => {
        const status = paymentStatus(rows, lastPaidOn, true);
        const byIndex = new Map(rows.map((row) => [monthIndex(row.period), row]));
        const consecutivePairs = [...byIndex.keys()].filter((index) => byIndex.has(index + 1));
        const unprotectedPair = consecutivePairs.some((index) => !byIndex.get(index)?.deductedNotPaid && !byIndex.get(index + 1)?.deductedNotPaid);
        expect(status.suspension).toBe(unprotectedPair ? "APLICA" : consecutivePairs.length ? "NO_APLICA_EMPLEADOR_DESCONTO" : "NO_APLICA");
        // The longest run of consecutive unpaid months.
        let longest = 0;
        for (const index of byIndex.keys()) {
          let run = 1;
          while (byIndex.has(index + run)) run += 1;
          longest = Math.max(longest, run);
        }
        expect(status.consecutiveUnpaid).toBe(longest);
        const sorted = [...byIndex.keys()].sort((a, b) => a - b);
        expect(status.unpaidPeriods).toEqual(sorted.map(periodOf));
        expect(status.pazYSalvo).toBe(rows.length === 0);
        expect(status.standing).toBe(rows.length ? "EN_MORA" : "AL_DIA");
        expect(status.since).toBe(rows.length ? byIndex.get(sorted[0] as number)?.dueDate : lastPaidOn);
      }),
    );
  });
});
