import { findPagesByKey, observedBatch, pagedLoaders, type Connection as Page, type PageArgs } from "@sos/kit";
import DataLoader from "dataloader";
import { type InvoiceState, type ContractDoc, type ContractModel, type InvoiceDoc, type InvoiceModel } from "./pac.model.js";

export interface InvoiceListArgs {
  states: InvoiceState[] | null;
  page: PageArgs;
  withTotal: boolean;
}

const groupBy = <T>(rows: T[], keyOf: (row: T) => string[], keys: readonly string[]): T[][] => {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) for (const key of keyOf(row)) groups.get(key)?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
};

export function createPacLoaders(contracts: ContractModel, invoices: InvoiceModel) {
  return {
    invoiceByNumber: new DataLoader<string, InvoiceDoc | null>(observedBatch("invoiceByNumber", async (numbers) => {
      const found = await invoices.find({ _id: { $in: [...numbers] } }).lean<InvoiceDoc[]>().exec();
      return numbers.map((number) => found.find((invoice) => invoice._id === number) ?? null);
    })),
    /** Contracts a member holds or is covered by: two indexed queries (an $or would scan on some servers). */
    contractsOf: new DataLoader<string, ContractDoc[]>(observedBatch("contractsOf", async (memberIds) => {
      const ids = [...memberIds];
      const [held, covered] = await Promise.all([
        contracts.find({ holderId: { $in: ids } }).lean<ContractDoc[]>().exec(),
        contracts.find({ beneficiaryIds: { $in: ids } }).lean<ContractDoc[]>().exec(),
      ]);
      const unique = [...new Map([...held, ...covered].map((contract) => [contract._id, contract])).values()];
      return groupBy(unique, (contract) => [...new Set([contract.holderId, ...contract.beneficiaryIds])], memberIds);
    })),
    /** What a holder owes: invoices issued and not paid. */
    unpaidInvoicesOf: new DataLoader<string, InvoiceDoc[]>(observedBatch("unpaidInvoicesOf", async (holderIds) => {
      const rows = await invoices.find({ owedBy: { $in: [...holderIds] } }).lean<InvoiceDoc[]>().exec();
      return groupBy(rows, (invoice) => [invoice.holderId], holderIds);
    })),
    /** A holder's invoices, newest due first. */
    invoicesOfHolder: pagedLoaders<InvoiceListArgs, Page<InvoiceDoc>>("invoicesOfHolder", (holderIds, args) =>
      findPagesByKey<InvoiceDoc>({
        model: invoices,
        keyField: "holderId",
        keys: holderIds,
        filter: args.states?.length ? { state: { $in: args.states } } : {},
        sortField: "sortKey",
        direction: -1,
        args: args.page,
        withTotal: args.withTotal,
      }),
    ),
  };
}
