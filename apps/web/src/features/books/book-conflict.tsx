import { useEffect, useRef } from 'react';
import { BOOK_FIELDS, changedFields, type BookFormValues } from './book-form-values.js';

interface BookConflictProps {
  /** The version the user started editing. */
  base: BookFormValues;
  /** What the user submitted. */
  mine: BookFormValues;
  /** The version on the server now. */
  latest: BookFormValues;
  onReapply: () => void;
  onDiscard: () => void;
}

const shown = (value: string) => (value.trim() === '' ? '—' : value);

/**
 * A save refused with 412: someone changed the book meanwhile. Shows the server's current values
 * beside the user's for every field either side changed, and lets the user reapply their changes
 * on top of the new version or discard them.
 */
export const BookConflict = ({ base, mine, latest, onReapply, onDiscard }: BookConflictProps) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const differing = new Set([...changedFields(base, latest), ...changedFields(base, mine)]);
  const rows = BOOK_FIELDS.filter(({ name }) => differing.has(name));
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" ref={heading} tabIndex={-1}>
        Someone else changed this book while you were editing
      </h2>
      <p>Your changes have not been saved. Compare them with the book as it is now:</p>
      <div className="table-wrap">
        <table className="conflict-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Now saved</th>
              <th scope="col">Your version</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ name, label }) => (
              <tr key={name}>
                <th scope="row">{label}</th>
                <td data-label="Now saved">{shown(latest[name])}</td>
                <td data-label="Your version">{shown(mine[name])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" onClick={onReapply}>
          Reapply my changes
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          Discard my changes
        </button>
      </div>
    </section>
  );
};
