interface DeleteRowButtonProps {
  /** What the row is, as its name reads to a screen-reader user: "Delete <name>". */
  name: string;
  disabled?: boolean;
  onDelete: () => void;
}

/**
 * A list row's Delete action: a link-styled danger button named after its row. It only asks;
 * the page confirms (ConfirmDialog) before anything is deleted.
 */
export const DeleteRowButton = ({ name, disabled = false, onDelete }: DeleteRowButtonProps) => (
  <button
    type="button"
    className="link danger"
    disabled={disabled}
    aria-label={`Delete ${name}`}
    onClick={onDelete}
  >
    Delete
  </button>
);
