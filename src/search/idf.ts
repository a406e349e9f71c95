/**
 * Inverse document frequency of a term seen in `frequency` of `passages` passages: BM25's, as
 * MiniSearch and `TopScorer` compute it, floored above 0. Query terms and meaning vectors are
 * weighted by it.
 */
export function inverseDocumentFrequency(frequency: number, passages: number): number {
  return Math.log(1 + (passages - frequency + 0.5) / (frequency + 0.5));
}
