/** What a page shows before its data is there: the error when loading failed, else a busy status. */
export function LoadStatus({ error }: { error: string | null }) {
  return error ? (
    <p class="alert alert-error" role="alert">
      {error}
    </p>
  ) : (
    <p role="status">…</p>
  );
}
