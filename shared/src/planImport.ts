/**
 * What a plan importer recognizes in a text file, before anything is stored: the plan tree with
 * the line each item came from, and every line it could not place.
 */

export interface ImportedIndicator {
  /** As written, e.g. "4 rencontres de la communauté de pratique". */
  text: string;
  kind: 'quantitative' | 'qualitative';
  /** For quantitative indicators: "4 rencontres" -> 4 and "rencontres". */
  target: number | null;
  unit: string;
  line: number;
}

export interface ImportedAction {
  text: string;
  /** Échéancier as written ("2025-2026", "Hiver 2026", "En continu", ""). */
  timeline: string;
  indicators: ImportedIndicator[];
  line: number;
}

export interface ImportedObjective {
  text: string;
  actions: ImportedAction[];
  line: number;
}

export interface ImportedTheme {
  title: string;
  /** enjeu fédérateur, visée transversale, or an older plan's orientation. */
  kind: 'enjeu' | 'visee' | 'orientation';
  generalObjective: string;
  objectives: ImportedObjective[];
  line: number;
}

export interface UnrecognizedLine {
  line: number;
  text: string;
  reason: string;
}

export interface ImportedPlan {
  format: 'horizon-2026' | 'mauricie-2017';
  title: string;
  themes: ImportedTheme[];
  unrecognized: UnrecognizedLine[];
}
