/**
 * Well-known names that stand for something a story names otherwise: a seat of government for the
 * government ("the Kremlin" for Moscow's), a building for its department ("the Pentagon" for the
 * Defense Department), and a city's other spelling ("Kyiv", which WordNet spells "Kiev").
 *
 * Source: the single-word entries of Wikipedia's "List of metonyms" (2025) for governments, their
 * departments and industries, and the spellings of capitals that changed in English usage
 * (Kyiv/Kiev, Beijing/Peking). Words a story writes are the stand-ins; none is about one story.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  // WordNet already relates the Kremlin to Moscow, as a part to its whole.
  kremlin: ["russia", "russian"],
  pentagon: ["defense", "defence", "military"],
  whitehall: ["british", "government"],
  westminster: ["parliament", "british"],
  downing: ["prime", "minister", "british"],
  brussels: ["eu", "european"],
  beijing: ["china", "chinese", "peking"],
  peking: ["beijing", "china"],
  kyiv: ["kiev", "ukraine", "ukrainian"],
  kiev: ["kyiv", "ukraine", "ukrainian"],
  tehran: ["iran", "iranian"],
  langley: ["cia"],
  fed: ["federal", "reserve"],
  hollywood: ["film", "movie", "studio"],
  potus: ["president"],
  scotus: ["supreme", "court"],
};

/** The words a well-known name may stand for, lower-case; empty for any other word. */
export function aliasesOf(word: string): readonly string[] {
  return Object.hasOwn(ALIASES, word) ? (ALIASES[word] ?? []) : [];
}
