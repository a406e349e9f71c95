import type { PackedIndex } from "./packed.ts";

/**
 * Joins packed indexes of consecutive batches of documents into the packed index one MiniSearch
 * would have held had it been given every document in turn: a batch's short ids follow the
 * previous batch's, a term's lists keep the order of the fields' first use, each list its
 * documents in order, and the average field lengths are worked out again as MiniSearch does, one
 * document at a time. Only the order of the terms may differ, which searching does not see.
 *
 * @throws Error when a batch is not a fresh MiniSearch's (a document removed, short ids not from 0)
 *   or the batches index different fields.
 */
export function mergePacked(batches: readonly PackedIndex[]): PackedIndex {
  const [first] = batches;
  if (first === undefined) throw new Error("mergePacked: no packed index to merge");
  if (batches.length === 1) return first;
  const fieldIds = first.fieldIds;
  const fieldCount = Object.keys(fieldIds).length;
  const bases: number[] = [];
  let documentTotal = 0;
  for (const batch of batches) {
    if (JSON.stringify(batch.fieldIds) !== JSON.stringify(fieldIds)) {
      throw new Error("mergePacked: the batches index different fields");
    }
    const fresh =
      batch.dirtCount === 0 &&
      batch.documentCount === batch.shortIds.length &&
      batch.nextId === batch.shortIds.length &&
      batch.shortIds.every((shortId, d) => shortId === d);
    if (!fresh) throw new Error("mergePacked: a batch is not a fresh index of its documents");
    bases.push(documentTotal);
    documentTotal += batch.shortIds.length;
  }
  const shortIds = new Int32Array(documentTotal);
  for (let d = 0; d < documentTotal; d++) shortIds[d] = d;
  const fieldLengths = new Int32Array(documentTotal * fieldCount);
  batches.forEach((batch, b) => {
    fieldLengths.set(batch.fieldLengths, (bases[b] ?? 0) * fieldCount);
  });

  // Each term's lists, batch by batch, terms in the order the batches first list them.
  const termParts = new Map<string, number[]>();
  batches.forEach((batch, b) => {
    batch.terms.forEach((term, t) => {
      const parts = termParts.get(term);
      if (parts === undefined) termParts.set(term, [b, t]);
      else parts.push(b, t);
    });
  });
  let listTotal = 0;
  let postingTotal = 0;
  for (const batch of batches) postingTotal += batch.documents.length;
  const fieldOrder = new Map<string, number[]>();
  for (const [term, parts] of termParts) {
    const fields: number[] = [];
    forEachList(batches, parts, (field) => {
      if (!fields.includes(field)) fields.push(field);
    });
    fieldOrder.set(term, fields);
    listTotal += fields.length;
  }
  const terms: string[] = [...termParts.keys()];
  const termLists = new Uint32Array(terms.length + 1);
  const listFields = new Uint8Array(listTotal);
  const listStarts = new Uint32Array(listTotal + 1);
  const documents = new Int32Array(postingTotal);
  const counts = new Uint32Array(postingTotal);
  let l = 0;
  let p = 0;
  terms.forEach((term, t) => {
    termLists[t] = l;
    const parts = termParts.get(term) ?? [];
    for (const field of fieldOrder.get(term) ?? []) {
      listFields[l] = field;
      listStarts[l] = p;
      l++;
      forEachList(batches, parts, (listField, batch, list, b) => {
        if (listField !== field) return;
        const base = bases[b] ?? 0;
        for (let q = batch.listStarts[list] ?? 0; q < (batch.listStarts[list + 1] ?? 0); q++) {
          documents[p] = (batch.documents[q] ?? 0) + base;
          counts[p] = batch.counts[q] ?? 0;
          p++;
        }
      });
    }
  });
  termLists[terms.length] = l;
  listStarts[l] = p;
  return {
    documentCount: documentTotal,
    nextId: documentTotal,
    dirtCount: 0,
    fieldIds,
    averageFieldLength: averageLengths(fieldLengths, fieldCount),
    shortIds,
    ids: batches.flatMap((batch) => batch.ids),
    fieldLengths,
    terms,
    termLists,
    listFields,
    listStarts,
    documents,
    counts,
  };
}

/** Calls `visit` with each posting list of a term, batch by batch (`parts`: batch, term, …). */
function forEachList(
  batches: readonly PackedIndex[],
  parts: readonly number[],
  visit: (field: number, batch: PackedIndex, list: number, b: number) => void,
): void {
  for (let i = 0; i < parts.length; i += 2) {
    const b = parts[i] ?? 0;
    const t = parts[i + 1] ?? 0;
    const batch = batches[b];
    if (batch === undefined) continue;
    for (let list = batch.termLists[t] ?? 0; list < (batch.termLists[t + 1] ?? 0); list++) {
      visit(batch.listFields[list] ?? 0, batch, list, b);
    }
  }
}

/**
 * The average length of each field as MiniSearch keeps it, updated document by document in the
 * same floating-point steps (`addFieldLength`), so that BM25 scores come out to the same bits.
 */
function averageLengths(fieldLengths: Int32Array, fieldCount: number): number[] {
  const averages: number[] = [];
  const documents = fieldCount === 0 ? 0 : fieldLengths.length / fieldCount;
  for (let d = 0; d < documents; d++) {
    for (let field = 0; field < fieldCount; field++) {
      const length = fieldLengths[d * fieldCount + field] ?? -1;
      if (length < 0) continue;
      averages[field] = ((averages[field] || 0) * d + length) / (d + 1);
    }
  }
  return averages;
}
