// Up to this many passages a served index reads them all ahead (`passagePreparation`) and keeps
// them: at 10,000 passages (the scale bench) their first reading was 40% of the CPU of its 550
// first questions, and keeping them all raised the RSS after preparation from 280 to 334 MB, about
// 5 KB a passage, and which sentences hold each kind of answer 6 MB more (0.34 s); this bound keeps
// that under 70 MB. Corpora of up to 5,000 are read whole anyway.
/** The largest corpus whose passages a served index reads ahead and keeps, in passages. */
export const PREPARED_PASSAGES_MAX = 12_000;
