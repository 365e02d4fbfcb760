/**
 * A title as a downloaded file's name: "Plan d’action 2026" -> "plan-d-action-2026" (accents
 * dropped, anything else a dash), or `fallback` when nothing is left.
 */
export function fileSlug(title: string, fallback: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || fallback
  );
}
