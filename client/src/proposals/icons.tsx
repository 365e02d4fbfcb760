/** Small decorative icons of the proposal pages (the text or aria-label beside them speaks). */
export function CommentIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-4 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm0 2v11h2v1.2L7.2 16H20V5Z"
      />
    </svg>
  );
}
