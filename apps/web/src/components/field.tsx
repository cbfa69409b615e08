import { useId, type InputHTMLAttributes } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string | undefined;
  hint?: string;
}

/**
 * A labelled input whose hint and error are tied to it (aria-describedby, aria-invalid). A required
 * field says so in its label; its error is listed by the form's ErrorSummary, so it is not an alert.
 */
export const Field = ({ label, error, hint, id, required, ...input }: FieldProps) => {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [hint !== undefined ? hintId : '', error !== undefined ? errorId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={error === undefined ? 'field' : 'field field-invalid'}>
      <label htmlFor={inputId}>
        {label}
        {required === true && <span className="required"> (required)</span>}
      </label>
      {hint !== undefined && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error !== undefined && (
        <small id={errorId} className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </small>
      )}
      <input
        id={inputId}
        required={required}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
    </div>
  );
};
