/**
 * A title as a downloaded file's name: "Plan d’action 2026" -> "plan-d-action-2026" (accents
 * dropped, anything else a dash), or `fallback` when nothing is left.
 */
export function fileSlug(title: string, fallback: string): string {
  return (
    title
      .normalize('NFD')
      // The accents NFD set apart go; anything else not a letter or digit is a dash.
      .replace(/\p{M}/gu, '')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || fallback
  );
}
